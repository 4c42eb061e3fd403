namespace AccountGrains.Cluster;

/// <summary>A silo's state in the membership table; it only moves forward.</summary>
public enum SiloStatus
{
    /// <summary>Registered, starting; its heartbeat protects the grains it claims.</summary>
    Joining,

    /// <summary>Serving grains and firing reminders.</summary>
    Active,

    /// <summary>Shutting down gracefully: activates nothing new, finishes its turns, deactivates its grains.</summary>
    Leaving,

    /// <summary>Gone gracefully: every grain it held may be claimed at once.</summary>
    Left,

    /// <summary>Its heartbeat expired (by the database's clock); its grains may be claimed. A dead silo never comes back.</summary>
    Dead,
}
