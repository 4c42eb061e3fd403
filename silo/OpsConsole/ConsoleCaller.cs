using AccountGrains.Domain;

namespace AccountGrains.Silo.OpsConsole;

/// <summary>
/// <c>GET /console/me</c>: who the console's credential is and the operations its role may call, read from the
/// domain's permission table (the one source the gateway and the grain decide by), so the pages offer only those
/// actions. The gateway still decides every call; this only spares the viewer buttons that would be refused.
/// </summary>
internal static class ConsoleCaller
{
    public const string MePath = SiloConsole.Path + "/me";

    public static void MapConsoleCaller(this WebApplication app)
    {
        app.MapGet(MePath, (HttpContext context) =>
        {
            var role = context.User.FindFirst("role")?.Value ?? "";
            var operations = Enum.TryParse<ActorRole>(role, ignoreCase: true, out var actorRole) && actorRole != ActorRole.System
                ? Enum.GetValues<Operation>().Where(o => Permissions.IsAllowed(actorRole, o)).Select(o => o.ToString()).ToArray()
                : [];
            return Results.Json(new Me(context.User.FindFirst("sub")?.Value ?? "", role, context.User.FindFirst("on_behalf_of")?.Value, operations));
        }).RequireAuthorization();
    }

    private sealed record Me(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role,
        [property: System.Text.Json.Serialization.JsonPropertyName("onBehalfOf")] string? OnBehalfOf,
        [property: System.Text.Json.Serialization.JsonPropertyName("operations")] string[] Operations);
}
