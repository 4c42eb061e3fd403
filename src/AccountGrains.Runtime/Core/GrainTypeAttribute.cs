namespace AccountGrains.Runtime;

/// <summary>
/// Names a grain type. The name is part of every <see cref="GrainId"/> of the type and of the reminders
/// stored for it, so it must stay stable; without this attribute the class name is used.
/// </summary>
/// <param name="name">The grain type name: not empty, without <c>/</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;

    internal static string NameOf(Type grainClass)
    {
        var name = grainClass.GetCustomAttributes(typeof(GrainTypeAttribute), inherit: false) is [GrainTypeAttribute a, ..] ? a.Name : grainClass.Name;
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Grain type name '{name}' of {grainClass} must be non-empty and contain no '/'.", nameof(grainClass));
        }

        return name;
    }
}
