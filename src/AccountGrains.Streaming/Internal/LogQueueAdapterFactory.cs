using System.Collections.Concurrent;
using AccountGrains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>Builds the log's adapter, its per-partition caches and the partition-to-queue mapper for Orleans' persistent stream provider.</summary>
internal sealed class LogQueueAdapterFactory(
    string name,
    AccountEventStreamOptions options,
    IEventStore store,
    IEnumerable<IAccountEventStreamCheckpoints> checkpoints,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory, IQueueAdapterCache
{
    private readonly ConcurrentDictionary<QueueId, PartitionStart> _starts = new();
    private readonly PartitionQueueMapper _mapper = new(options.PartitionCount, name);
    private readonly IReadOnlyList<IAccountEventStreamCheckpoints> _checkpoints = [.. checkpoints];

    /// <summary>The factory Orleans calls per provider name (<c>AddPersistentStreams</c>).</summary>
    public static IQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new LogQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptions<AccountEventStreamOptions>>().Value,
            services.GetRequiredService<IEventStore>(),
            services.GetServices<IAccountEventStreamCheckpoints>(),
            services.GetRequiredService<ILoggerFactory>());

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new LogQueueAdapter(name, options, store, _checkpoints, _starts, loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IQueueCache CreateQueueCache(QueueId queueId) => new LogQueueCache(options.CacheSize, _starts.GetOrAdd(queueId, _ => new PartitionStart()));

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
}
