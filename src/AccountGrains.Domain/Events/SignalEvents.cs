namespace AccountGrains.Domain;

/// <summary>
/// A platform signal was recorded (<c>SignalRecorded</c>), with what it changed.
/// Shared Signals: RISC <c>credential-compromise</c> for <see cref="SignalKind.CredentialLeaked"/>.
/// </summary>
/// <param name="Kind">What was observed.</param>
/// <param name="Risk">The risk after the signal (every signal records it, so the fold never computes decay).</param>
/// <param name="DeviceId">The device, when the signal named one.</param>
/// <param name="RiskDecaysAt">When that risk falls back to LOW without further risk-raising signals; <see langword="null"/> for LOW.</param>
/// <param name="FailureWindowStart">For a failed login: failures before this instant no longer count.</param>
/// <param name="EvictedDeviceId">For a successful login: the known device dropped to keep the list bounded.</param>
/// <param name="SmsRefusedUntil">For a SIM swap: SMS and voice recovery are refused until then.</param>
public sealed record SignalRecorded(
    SignalKind Kind,
    RiskLevel Risk,
    string? DeviceId = null,
    DateTimeOffset? RiskDecaysAt = null,
    DateTimeOffset? FailureWindowStart = null,
    string? EvictedDeviceId = null,
    DateTimeOffset? SmsRefusedUntil = null) : AccountEvent;
