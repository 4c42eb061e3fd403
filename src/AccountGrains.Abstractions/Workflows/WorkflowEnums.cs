namespace AccountGrains.Abstractions;

/// <summary>What a dual-control request asks for.</summary>
[GenerateSerializer]
public enum DualControlAction
{
    /// <summary>An unlock of a high-profile account, or of an IMPERSONATION or DECEPTIVE_IDENTITY lock.</summary>
    Unlock = 1,

    /// <summary>Revoking a high-profile account's badge.</summary>
    RevokeVerification = 2,
}

/// <summary>An agent's decision on an appeal.</summary>
[GenerateSerializer]
public enum AppealDecision
{
    /// <summary>The lock stays.</summary>
    Upheld = 1,

    /// <summary>The lock is lifted.</summary>
    Overturned = 2,
}

/// <summary>What an automatic lock turned out to be.</summary>
[GenerateSerializer]
public enum FeedbackLabel
{
    /// <summary>The rule was right.</summary>
    ConfirmedCompromise = 1,

    /// <summary>The rule was wrong.</summary>
    FalsePositive = 2,
}

/// <summary>A reviewer's verdict on a sampled action.</summary>
[GenerateSerializer]
public enum AuditVerdict
{
    /// <summary>The action followed the guidelines.</summary>
    Correct = 1,

    /// <summary>It did not.</summary>
    Incorrect = 2,
}
