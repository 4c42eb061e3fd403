using AccountGrains.Domain;
using AccountGrains.Runtime;

namespace AccountGrains.Grains;

/// <summary>
/// Typed calls on account grains, each a turn through the runtime's mailbox. The delegates are static
/// and the arguments travel as value tuples, so a call allocates no closure.
/// </summary>
public static class AccountGrainCalls
{
    /// <summary>A reference to the account's grain; activates nothing until it is called.</summary>
    /// <exception cref="ArgumentException">The account id is not 1–64 characters of <c>[A-Za-z0-9_.-]</c>.</exception>
    public static GrainReference<AccountGrain> GetAccount(this IGrainFactory factory, string accountId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!AccountIds.IsValid(accountId))
        {
            throw new ArgumentException("An account id is 1-64 characters of [A-Za-z0-9_.-].", nameof(accountId));
        }

        return factory.GetGrain<AccountGrain>(accountId);
    }

    /// <summary>May the account act? See <see cref="AccountGrain.VerifyAsync"/>.</summary>
    public static ValueTask<VerifyResult> VerifyAsync(this GrainReference<AccountGrain> account, VerifyAction action, string? deviceId, CancellationToken cancellationToken = default) =>
        account.InvokeAsync((action, deviceId), static (grain, a, ct) => grain.VerifyAsync(a.action, a.deviceId, ct), cancellationToken);

    /// <summary>Decides and persists a command. See <see cref="AccountGrain.ExecuteAsync"/>.</summary>
    public static ValueTask<Decision> ExecuteAsync(this GrainReference<AccountGrain> account, AccountCommand command, CancellationToken cancellationToken = default) =>
        account.InvokeAsync(command, static (grain, c, ct) => grain.ExecuteAsync(c, ct), cancellationToken);

    /// <summary>Decides and persists a command, and returns the view it left. See <see cref="AccountGrain.ExecuteAndViewAsync"/>.</summary>
    public static ValueTask<CommandResult> ExecuteAndViewAsync(this GrainReference<AccountGrain> account, AccountCommand command, CancellationToken cancellationToken = default) =>
        account.InvokeAsync(command, static (grain, c, ct) => grain.ExecuteAndViewAsync(c, ct), cancellationToken);

    /// <summary>The account's posture. See <see cref="AccountGrain.GetViewAsync"/>.</summary>
    public static ValueTask<AccountView> GetViewAsync(this GrainReference<AccountGrain> account, CancellationToken cancellationToken = default) =>
        account.InvokeAsync(0, static (grain, _, ct) => grain.GetViewAsync(ct), cancellationToken);
}
