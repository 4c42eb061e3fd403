using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.GroupCommit;

public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task AppendAsync_WhileABatchIsInFlight_SendsTheWaitingRequestsTogetherNext()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store);
        var first = writer.AppendAsync(Append("a", 0, "x")).AsTask();
        await store.WaitForBatchAsync();

        var waiting = Enumerable.Range(1, 5).Select(i => writer.AppendAsync(Append($"b{i}", i, "x")).AsTask()).ToList();
        var firstDoneEarly = first.IsCompleted;
        store.Release();
        await store.WaitForBatchAsync();
        store.Release();
        var results = await Task.WhenAll(waiting);

        Assert.False(firstDoneEarly);
        Assert.Equal(new AppendResult(AppendStatus.Appended, 1, 0), await first);
        Assert.Equal([1, 5], store.Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i + 1), results.Select(r => r.Version));
    }

    [Fact]
    public async Task AppendAsync_WithMoreWaitingThanMaxBatchSize_SplitsIntoBatchesOfThatSize()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store, new GroupCommitWriterOptions { MaxBatchSize = 4 });
        var all = new List<Task<AppendResult>> { writer.AppendAsync(Append("a", 0, "x")).AsTask() };
        await store.WaitForBatchAsync();
        all.AddRange(Enumerable.Range(0, 10).Select(i => writer.AppendAsync(Append($"b{i}", 0, "x")).AsTask()));

        for (var batch = 0; batch < 4; batch++)
        {
            store.Release();
            if (batch < 3)
            {
                await store.WaitForBatchAsync();
            }
        }

        await Task.WhenAll(all);
        Assert.Equal([1, 4, 4, 2], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task AppendAsync_WhenItsBatchIsUnavailable_FailsEveryCallerInIt_AndTheNextBatchWorks()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store);
        var blocker = writer.AppendAsync(Append("a", 0, "x")).AsTask();
        await store.WaitForBatchAsync();
        var failing = Enumerable.Range(0, 3).Select(i => writer.AppendAsync(Append($"b{i}", 0, "x")).AsTask()).ToList();
        store.Release();
        await store.WaitForBatchAsync();

        store.Release(new StoreUnavailableException("down"));
        var errors = await Task.WhenAll(failing.Select(t => Record.ExceptionAsync(() => t)));
        var next = writer.AppendAsync(Append("c", 0, "x")).AsTask();
        await store.WaitForBatchAsync();
        store.Release();

        Assert.All(errors, e => Assert.IsType<StoreUnavailableException>(e));
        Assert.Equal(AppendStatus.Appended, (await blocker).Status);
        Assert.Equal(AppendStatus.Appended, (await next).Status);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentCallers_AreAcknowledgedOnlyWhenTheirOwnBatchCommits_AndAFailedBatchFailsOnlyItsOwnCalls()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store, new GroupCommitWriterOptions { MaxBatchSize = 4 });
        var blocker = writer.AppendAsync(Append("blocker", 0, "x")).AsTask();
        await store.WaitForBatchAsync();

        // Eight callers on eight threads while the first batch is held: they form two batches of four behind it.
        var calls = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (Account: $"c{i}", Call: writer.AppendAsync(Append($"c{i}", 0, "x")).AsTask()))));
        store.Release();
        await store.WaitForBatchAsync();
        var doneBeforeSecondCommit = calls.Count(c => c.Call.IsCompleted);
        store.Release(new StoreUnavailableException("down"));
        await store.WaitForBatchAsync();
        var failedBatch = store.Batches[1].Select(r => r.AccountId).ToHashSet();
        var laterBatch = store.Batches[2].Select(r => r.AccountId).ToHashSet();
        var laterDoneBeforeItsCommit = calls.Where(c => laterBatch.Contains(c.Account)).Count(c => c.Call.IsCompleted);
        store.Release();
        var outcomes = await Task.WhenAll(calls.Select(async c => (c.Account, Error: await Record.ExceptionAsync(() => c.Call), Result: c.Call.IsCompletedSuccessfully ? await c.Call : (AppendResult?)null)));

        Assert.Equal(AppendStatus.Appended, (await blocker).Status);
        Assert.Equal(0, doneBeforeSecondCommit);
        Assert.Equal(0, laterDoneBeforeItsCommit);
        Assert.Equal([1, 4, 4], store.Batches.Select(b => b.Count));
        Assert.All(outcomes.Where(o => failedBatch.Contains(o.Account)), o => Assert.IsType<StoreUnavailableException>(o.Error));
        Assert.All(outcomes.Where(o => laterBatch.Contains(o.Account)), o => Assert.Null(o.Error));
        Assert.All(outcomes.Where(o => laterBatch.Contains(o.Account)), o => Assert.Equal(new AppendResult(AppendStatus.Appended, 1, 0), o.Result));
    }

    [Fact]
    public async Task DisposeAsync_WithRequestsQueued_SendsThemAndThenRefusesNewOnes()
    {
        var store = new ScriptedStore();
        var writer = new GroupCommitWriter(store);
        var queued = new List<Task<AppendResult>> { writer.AppendAsync(Append("a", 0, "x")).AsTask() };
        await store.WaitForBatchAsync();
        queued.AddRange(Enumerable.Range(0, 3).Select(i => writer.AppendAsync(Append($"b{i}", 0, "x")).AsTask()));

        var disposing = writer.DisposeAsync().AsTask();
        var refused = await Record.ExceptionAsync(async () => await writer.AppendAsync(Append("late", 0, "x")));
        store.Release();
        await store.WaitForBatchAsync();
        store.Release();
        await disposing;

        Assert.IsType<ObjectDisposedException>(refused);
        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(AppendStatus.Appended, r.Status));
    }

    [Fact]
    public async Task AppendAsync_WithMalformedRequest_IsRefusedAloneAndNeverSent()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store);

        var error = await Record.ExceptionAsync(async () => await writer.AppendAsync(new AppendRequest("a", 0, [])));

        Assert.IsType<ArgumentException>(error);
        Assert.Empty(store.Batches);
    }

    [Fact]
    public async Task AppendAsync_CancelledWhileQueued_IsNotSent()
    {
        var store = new ScriptedStore();
        await using var writer = new GroupCommitWriter(store);
        var blocker = writer.AppendAsync(Append("a", 0, "x")).AsTask();
        await store.WaitForBatchAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = writer.AppendAsync(Append("b", 0, "x"), cancel.Token).AsTask();
        var kept = writer.AppendAsync(Append("c", 0, "x")).AsTask();

        await cancel.CancelAsync();
        store.Release();
        await store.WaitForBatchAsync();
        store.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(AppendStatus.Appended, (await kept).Status);
        Assert.Equal(["a", "c"], store.Batches.SelectMany(b => b).Select(r => r.AccountId));
        await blocker;
    }

    [Fact]
    public void Options_WithNonPositiveSizes_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupCommitWriterOptions { MaxBatchSize = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupCommitWriterOptions { QueueCapacity = 0 }.Validate());
    }
}
