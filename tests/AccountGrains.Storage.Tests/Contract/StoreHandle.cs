namespace AccountGrains.Storage.Tests.Contract;

/// <summary>A store under test: one object implementing the store contracts.</summary>
public sealed class StoreHandle(object store, string location) : IAsyncDisposable
{
    /// <summary>Where the store keeps its data (a schema, a file); opening it again shares the data.</summary>
    public string Location { get; } = location;

    public IEventStore Events { get; } = (IEventStore)store;

    public IStoreSchema Schema { get; } = (IStoreSchema)store;

    public object Inner { get; } = store;

    public ValueTask DisposeAsync() => ((IAsyncDisposable)Inner).DisposeAsync();
}
