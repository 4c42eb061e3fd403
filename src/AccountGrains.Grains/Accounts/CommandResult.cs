using AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>What a command decided, and the account as the same turn left it.</summary>
/// <param name="Decision">The decision: events written and outcome, or the refusal.</param>
/// <param name="View">The account's view after the command (unchanged after a refusal).</param>
public sealed record CommandResult(Decision Decision, AccountView View);
