using System.Runtime.CompilerServices;

namespace AccountGrains.Runtime;

/// <summary>The call path: every grain call, the hot one included, comes through here.</summary>
internal sealed partial class GrainRuntime
{
    /// <summary>
    /// Runs one call as a turn. A live, idle grain runs it on the caller's thread (no queue, no
    /// allocation, no thread hop); otherwise it is queued in the grain's mailbox as a pooled work item.
    /// </summary>
    public ValueTask<TResult> InvokeAsync<TGrain, TArg, TResult>(
        GrainTypeInfo type,
        GrainId id,
        TArg argument,
        Func<TGrain, TArg, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken)
        where TGrain : Grain
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        if (_stopping)
        {
            return ValueTask.FromException<TResult>(new SiloUnavailableException());
        }

        if (!Ownership.IsServing)
        {
            return ValueTask.FromException<TResult>(FencedException());
        }

        Activation activation;
        bool created;
        try
        {
            activation = GetOrCreateActivation(type, id, out created);
        }
        catch (SiloUnavailableException ex)
        {
            return ValueTask.FromException<TResult>(ex);
        }

        if (!created && activation.TryBeginInlineTurn() is { } grain)
        {
            return RunInline(activation, (TGrain)grain, argument, call, cancellationToken);
        }

        var item = CallWorkItem<TGrain, TArg, TResult>.Rent(argument, call, cancellationToken);
        var queued = activation.TryEnqueue(item);
        if (created)
        {
            // Only now: the call that caused the activation is queued behind its first turn, so it sees its outcome.
            activation.Start();
        }

        if (queued)
        {
            return item.Task;
        }

        item.ReturnUnqueued();
        return InvokeAfterDeactivationAsync(activation, type, id, argument, call, cancellationToken);
    }

    /// <summary>The exception of a call refused because <see cref="IGrainOwnership.IsServing"/> said no.</summary>
    internal static SiloUnavailableException FencedException() =>
        new("The silo cannot prove it still holds its cluster membership lease (fenced); it serves no grain until it renews.");

    /// <summary>Fires a reminder as a turn of its grain (activating it if needed).</summary>
    public ValueTask<bool> InvokeReminderAsync(GrainId id, string name, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (!_types.TryGet(id.Type, out var type))
        {
            throw new InvalidOperationException($"Reminder '{name}' of {id} names grain type '{id.Type}', which is not registered.");
        }

        if (!type.IsRemindable)
        {
            throw new InvalidOperationException($"Reminder '{name}' of {id}: grain class {type.GrainClass} does not implement {nameof(IRemindable)}.");
        }

        return InvokeAsync<Grain, (string Name, DateTimeOffset DueAt), bool>(type, id, (name, dueAt), ReceiveReminderAsync, cancellationToken);
    }

    private static async ValueTask<bool> ReceiveReminderAsync(Grain grain, (string Name, DateTimeOffset DueAt) reminder, CancellationToken cancellationToken)
    {
        await ((IRemindable)grain).ReceiveReminderAsync(reminder.Name, reminder.DueAt, cancellationToken);
        return true;
    }

    private ValueTask<TResult> RunInline<TGrain, TArg, TResult>(
        Activation activation,
        TGrain grain,
        TArg argument,
        Func<TGrain, TArg, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken)
        where TGrain : Grain
    {
        Metrics.Turn(activation.Type);
        ValueTask<TResult> turn;
        try
        {
            turn = call(grain, argument, cancellationToken);
        }
        catch (Exception ex)
        {
            activation.EndInlineTurn();
            return ValueTask.FromException<TResult>(ex);
        }

        if (turn.IsCompleted)
        {
            activation.EndInlineTurn();
            return turn;
        }

        return AwaitInlineAsync(activation, turn);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TResult> AwaitInlineAsync<TResult>(Activation activation, ValueTask<TResult> turn)
    {
        try
        {
            return await turn;
        }
        finally
        {
            activation.EndInlineTurn();
        }
    }

    // Rare: the call met an activation on its way out. Wait until it is gone, then go to a fresh one.
    private async ValueTask<TResult> InvokeAfterDeactivationAsync<TGrain, TArg, TResult>(
        Activation leaving,
        GrainTypeInfo type,
        GrainId id,
        TArg argument,
        Func<TGrain, TArg, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken)
        where TGrain : Grain
    {
        await leaving.WhenDeactivated().WaitAsync(cancellationToken);
        return await InvokeAsync(type, id, argument, call, cancellationToken);
    }
}
