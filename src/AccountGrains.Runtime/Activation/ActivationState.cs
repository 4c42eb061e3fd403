namespace AccountGrains.Runtime;

/// <summary>The life of one activation; it only moves forward.</summary>
internal enum ActivationState
{
    /// <summary>Created; its first turn (ownership check, construction, OnActivateAsync) has not finished. Calls queue.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>A deactivation turn is queued or running. New calls wait for it to end, then go to a fresh activation.</summary>
    Deactivating,

    /// <summary>Gone from the directory (deactivated, or its activation failed).</summary>
    Deactivated,
}
