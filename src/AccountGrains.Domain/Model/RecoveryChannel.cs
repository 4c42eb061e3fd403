namespace AccountGrains.Domain;

/// <summary>How the recovery flow delivers the one-time code. Member names are stable (written to history).</summary>
public enum RecoveryChannel
{
    /// <summary>By e-mail.</summary>
    Email = 1,

    /// <summary>By SMS; refused for a while after a SIM swap.</summary>
    Sms = 2,

    /// <summary>By a voice call to the phone number; treated like SMS after a SIM swap (same number).</summary>
    Voice = 3,

    /// <summary>By a push notification to an app on a known device.</summary>
    Push = 4,
}
