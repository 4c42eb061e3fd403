namespace AccountGrains.Domain;

/// <summary>
/// A recovery attempt was opened (<c>RecoveryStarted</c>), replacing any open one. Holds the code's
/// salted hash, never the code; the public rendering leaves hash and salt out.
/// Shared Signals: RISC <c>recovery-activated</c>.
/// </summary>
/// <param name="AttemptId">The attempt's id (random, 128 bits).</param>
/// <param name="Channel">How the code is delivered.</param>
/// <param name="CodeHash">HMAC-SHA256 of the code, keyed with <paramref name="Salt"/>.</param>
/// <param name="Salt">A random salt, unique per attempt.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="WindowStart">Attempts started before this instant no longer count towards the limit.</param>
/// <param name="ReplacedAttemptId">The open attempt this one replaced, if any.</param>
public sealed record RecoveryStarted(
    string AttemptId,
    RecoveryChannel Channel,
    byte[] CodeHash,
    byte[] Salt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset WindowStart,
    string? ReplacedAttemptId = null) : AccountEvent;

/// <summary>A wrong code was given for the open attempt (<c>RecoveryCodeRejected</c>).</summary>
/// <param name="AttemptId">The attempt.</param>
/// <param name="FailedTries">Wrong codes so far, this one included.</param>
public sealed record RecoveryCodeRejected(string AttemptId, int FailedTries) : AccountEvent;

/// <summary>Too many wrong codes: the attempt is closed for good (<c>RecoveryAttemptBurned</c>).</summary>
/// <param name="AttemptId">The attempt.</param>
public sealed record RecoveryAttemptBurned(string AttemptId) : AccountEvent;

/// <summary>The attempt's code expired unused (<c>RecoveryAttemptExpired</c>), written by the durable timer.</summary>
/// <param name="AttemptId">The attempt.</param>
public sealed record RecoveryAttemptExpired(string AttemptId) : AccountEvent;

/// <summary>
/// The right code was given (<c>RecoveryCompleted</c>): the attempt is used up, <c>credential_compromised</c>
/// cleared, risk LOW, a new credential required, the brute-force doubling reset. Lifted locks and revoked
/// sessions are their own events, written with it.
/// Shared Signals: RISC <c>account-credential-change-required</c>.
/// </summary>
/// <param name="AttemptId">The attempt.</param>
public sealed record RecoveryCompleted(string AttemptId) : AccountEvent;
