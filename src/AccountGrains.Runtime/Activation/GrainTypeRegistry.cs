using System.Collections.Frozen;

namespace AccountGrains.Runtime;

/// <summary>One registered grain class, as <c>AddGrain</c> puts it in the container.</summary>
internal sealed record GrainTypeRegistration(string Name, Type GrainClass, Func<IServiceProvider, GrainId, Grain> Factory);

/// <summary>A grain type as one runtime knows it: its factory and its live activation count.</summary>
internal sealed class GrainTypeInfo(GrainTypeRegistration registration)
{
    private int _liveCount;

    public string Name { get; } = registration.Name;

    public Type GrainClass { get; } = registration.GrainClass;

    public bool IsRemindable { get; } = typeof(IRemindable).IsAssignableFrom(registration.GrainClass);

    public int LiveCount => Volatile.Read(ref _liveCount);

    public Grain Create(IServiceProvider services, GrainId id) =>
        registration.Factory(services, id) ?? throw new InvalidOperationException($"The factory of grain type '{Name}' returned null.");

    public void Added() => Interlocked.Increment(ref _liveCount);

    public void Removed() => Interlocked.Decrement(ref _liveCount);
}

/// <summary>The grain types of one runtime, looked up by class (references) and by name (reminders).</summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainTypeInfo> _byClass;
    private readonly FrozenDictionary<string, GrainTypeInfo> _byName;

    public GrainTypeRegistry(IEnumerable<GrainTypeRegistration> registrations)
    {
        var types = registrations.Select(r => new GrainTypeInfo(r)).ToList();
        var duplicate = types.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Grain type name '{duplicate.Key}' is registered more than once ({string.Join(", ", duplicate.Select(t => t.GrainClass))}).");
        }

        _byClass = types.ToFrozenDictionary(t => t.GrainClass);
        _byName = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IEnumerable<GrainTypeInfo> All => _byName.Values;

    public GrainTypeInfo Get(Type grainClass) =>
        _byClass.TryGetValue(grainClass, out var type)
            ? type
            : throw new ArgumentException($"Grain class {grainClass} is not registered; call services.AddGrain<{grainClass.Name}>().", nameof(grainClass));

    public bool TryGet(string name, out GrainTypeInfo type) => _byName.TryGetValue(name, out type!);
}
