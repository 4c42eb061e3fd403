using AccountGrains.Abstractions;
using AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>
/// The interface's <see cref="Caller"/> as the domain's <see cref="Actor"/>. A caller can never be
/// <see cref="ActorRole.System"/> (the interface has no such role), so an Orleans client cannot expire
/// deadlines or act as the service.
/// </summary>
internal static class CallerMapping
{
    public static Actor ToActor(Caller? caller) =>
        caller is null
            ? throw new AccountRefusedException(RefusalCode.InvalidArgument, "The caller is required.")
            : new Actor(caller.Name, EnumMapping.ToDomain(caller.Role), caller.OnBehalfOf);

    /// <summary>
    /// For the reads, which the decider does not see: the same role table (<see cref="Permissions"/>) and
    /// the same required name, so a read is refused exactly as a write would be.
    /// </summary>
    public static Actor Authorize(Caller? caller, Operation operation)
    {
        var actor = ToActor(caller);
        if (string.IsNullOrWhiteSpace(actor.Name))
        {
            throw new AccountRefusedException(RefusalCode.InvalidArgument, "The actor name is required.");
        }

        return Permissions.IsAllowed(actor.Role, operation)
            ? actor
            : throw new AccountRefusedException(RefusalCode.PermissionDenied, $"Role {caller!.Role} may not call {operation}.");
    }

    public static AccountRefusedException ToException(DomainError error) => new(EnumMapping.ToAbstractions(error.Code), error.Message);
}
