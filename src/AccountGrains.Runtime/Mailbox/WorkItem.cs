namespace AccountGrains.Runtime;

/// <summary>One entry of an activation's mailbox, linked in place so queueing allocates nothing.</summary>
internal abstract class WorkItem
{
    /// <summary>The next item in the mailbox; owned by the activation's lock while queued.</summary>
    public WorkItem? Next { get; set; }

    /// <summary>Runs the turn and keeps its outcome; never throws.</summary>
    public abstract ValueTask RunAsync(Activation activation);

    /// <summary>Hands the outcome to whoever waits for it, after the mailbox did its bookkeeping.</summary>
    public abstract void Complete();

    /// <summary>The activation failed before this item ran: complete its caller with the exception.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>The last turn of an activation.</summary>
internal sealed class DeactivationWorkItem(DeactivationReason reason) : WorkItem
{
    public override ValueTask RunAsync(Activation activation) => activation.DeactivateAsync(reason);

    public override void Complete()
    {
    }

    // The activation failed first, so it is already out of the directory and there is nothing to deactivate.
    public override void Fail(Exception exception)
    {
    }
}
