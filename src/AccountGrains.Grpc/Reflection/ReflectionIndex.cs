using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AccountGrains.Grpc.Reflection;

/// <summary>The files given to <c>AddGrpcReflection</c> (one instance per call).</summary>
internal sealed record ReflectionFiles(IReadOnlyList<FileDescriptor> Files);

/// <summary>A reflection answer, independent of the v1/v1alpha message types: files, service names, or an error.</summary>
internal readonly record struct ReflectionAnswer(IReadOnlyList<ByteString>? Files, IReadOnlyList<string>? Services, int ErrorCode, string? ErrorMessage)
{
    public static ReflectionAnswer NotFound(string message) => new(null, null, (int)StatusCode.NotFound, message);
}

/// <summary>Finds files by name and by the symbols they define, built once from the registered descriptors.</summary>
internal sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _bySymbol = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<FileDescriptor> roots)
    {
        foreach (var file in roots)
        {
            AddFile(file);
        }
    }

    public ReflectionAnswer FileByName(string name) =>
        _byName.TryGetValue(name, out var file) ? WithDependencies(file) : ReflectionAnswer.NotFound($"File '{name}' not found.");

    public ReflectionAnswer FileContainingSymbol(string symbol) =>
        _bySymbol.TryGetValue(symbol.TrimStart('.'), out var file) ? WithDependencies(file) : ReflectionAnswer.NotFound($"Symbol '{symbol}' not found.");

    public ReflectionAnswer ExtensionNumbersOf(string type) =>
        _bySymbol.ContainsKey(type) ? new ReflectionAnswer(null, null, 0, null) : ReflectionAnswer.NotFound($"Type '{type}' not found.");

    private void AddFile(FileDescriptor file)
    {
        if (!_byName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            _bySymbol.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _bySymbol.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _bySymbol.TryAdd(enumType.FullName, file);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _bySymbol.TryAdd(message.FullName, file);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _bySymbol.TryAdd(enumType.FullName, file);
        }
    }

    /// <summary>The file first, then everything it imports, each once.</summary>
    private static ReflectionAnswer WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<ByteString>();
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            files.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return new ReflectionAnswer(files, null, 0, null);
    }
}
