namespace AccountGrains.Domain;

/// <summary>Recovery as <c>GetAccount</c> shows it: never the code, its hash or its salt.</summary>
/// <param name="OpenAttemptId">The open, unexpired attempt, if any.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="IssuedAt">When it was started.</param>
/// <param name="ExpiresAt">When its code stops working.</param>
/// <param name="FailedTries">Wrong codes given for it so far.</param>
/// <param name="AttemptsInWindow">Attempts started within the last <see cref="AccountRulesOptions.RecoveryWindow"/>.</param>
/// <param name="CooldownUntil">When the limit is reached: when the next attempt may start.</param>
/// <param name="SmsRefusedUntil">When SMS and voice are refused (after a SIM swap): until when.</param>
public sealed record RecoveryStatus(
    string? OpenAttemptId,
    RecoveryChannel? Channel,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    int FailedTries,
    int AttemptsInWindow,
    DateTimeOffset? CooldownUntil,
    DateTimeOffset? SmsRefusedUntil);
