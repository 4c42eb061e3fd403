using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Runtime;

/// <summary>
/// The grain runtime of one silo: the activation directory (a lock-free dictionary), the call path,
/// collection and shutdown. One instance per silo, registered as a singleton.
/// </summary>
internal sealed partial class GrainRuntime : IGrainRuntime, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainTypeRegistry _types;
    private readonly CancellationTokenSource _abort = new();
    private readonly ActivationCollector _collector;
    private volatile bool _stopping;
    private int _count;

    public GrainRuntime(
        IServiceProvider services,
        IEnumerable<GrainTypeRegistration> registrations,
        IGrainOwnership ownership,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider time,
        RuntimeMetrics metrics,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        Ownership = ownership;
        Options = options.Value; // validated here too, so a runtime built without a host fails fast as well
        Time = time;
        Logger = logger;
        _types = new GrainTypeRegistry(registrations);
        Metrics = metrics;
        metrics.Observe(this, _types);
        _collector = new ActivationCollector(this);
    }

    public IServiceProvider Services { get; }

    public IGrainOwnership Ownership { get; }

    public GrainRuntimeOptions Options { get; }

    public TimeProvider Time { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    public GrainTypeRegistry Types => _types;

    /// <summary>Cancelled only when shutdown overran its timeout: the token given to activation and deactivation turns.</summary>
    public CancellationToken AbortToken => _abort.Token;

    public int ActivationCount => Volatile.Read(ref _count);

    public bool IsStopping => _stopping;

    internal ActivationCollector Collector => _collector;

    internal ICollection<Activation> Activations => _activations.Values;

    public GrainReference<TGrain> GetGrain<TGrain>(string key)
        where TGrain : Grain
    {
        var type = _types.Get(typeof(TGrain));
        return new GrainReference<TGrain>(this, type, new GrainId(type.Name, key));
    }

    public IReadOnlyDictionary<string, int> GetActivationCountsByType() =>
        _types.All.ToDictionary(t => t.Name, t => t.LiveCount, StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<string> GetActiveKeys(string grainType)
    {
        var keys = new List<string>();
        foreach (var (id, activation) in _activations)
        {
            if (id.Type == grainType && activation.State == ActivationState.Valid)
            {
                keys.Add(id.Key);
            }
        }

        return keys;
    }

    /// <summary>Starts idle collection; the hosted service calls it on start.</summary>
    public void Start() => _collector.Start();

    public void Dispose()
    {
        _collector.Dispose();
        _abort.Dispose();
    }

    /// <summary>Takes an activation out of the directory (after its last turn, or after its activation failed).</summary>
    internal void Remove(Activation activation, DeactivationReason? reason)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation)))
        {
            Interlocked.Decrement(ref _count);
            activation.Type.Removed();
            if (reason is { } r)
            {
                Metrics.Deactivated(activation.Type, r);
                RuntimeLog.Deactivated(Logger, activation.Id, r);
            }
        }
    }

    private Activation GetOrCreateActivation(GrainTypeInfo type, GrainId id, out bool created)
    {
        while (true)
        {
            created = false;
            if (_activations.TryGetValue(id, out var existing))
            {
                return existing;
            }

            if (_stopping)
            {
                throw new SiloUnavailableException();
            }

            var activation = new Activation(this, type, id);
            if (_activations.TryAdd(id, activation))
            {
                created = true;
                var count = Interlocked.Increment(ref _count);
                type.Added();
                Metrics.Created(type);
                if (count > Options.MaxActivations)
                {
                    _collector.RequestCapacityCheck();
                }

                return activation;
            }
        }
    }
}
