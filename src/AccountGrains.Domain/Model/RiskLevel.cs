namespace AccountGrains.Domain;

/// <summary>The account's risk, from recent signals. Ordered: a higher value is riskier.</summary>
public enum RiskLevel
{
    /// <summary>No recent signal (the default, and where risk decays to).</summary>
    Low = 0,

    /// <summary>One suspicious login.</summary>
    Medium = 1,

    /// <summary>A leaked credential, a SIM swap, or repeated suspicious logins.</summary>
    High = 2,
}
