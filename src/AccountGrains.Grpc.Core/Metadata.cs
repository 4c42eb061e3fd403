using System.Collections;
using System.Text;

namespace AccountGrains.Grpc;

/// <summary>
/// Custom metadata: headers or trailers of a call, as an ordered list of entries. Keys are lower-case
/// (they are normalised); a key ending in <c>-bin</c> carries bytes (sent base64-encoded), any other key
/// carries printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary entry.</summary>
    public const string BinarySuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new() { _readOnly = true };

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Entry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    /// <exception cref="ArgumentException">The key is invalid, ends in <c>-bin</c>, or the value is not printable ASCII.</exception>
    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds an entry.</summary>
    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }

        _entries.Add(entry);
    }

    /// <summary>The first entry with the key (case-insensitive), or <see langword="null"/>.</summary>
    public Entry? Get(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The text value of the first entry with the key, or <see langword="null"/>.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the first binary entry with the key, or <see langword="null"/>.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when the key names a binary entry.</summary>
    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One metadata entry: a key and either a text or a binary value.</summary>
    public sealed class Entry
    {
        private readonly string? _text;
        private readonly byte[]? _bytes;

        /// <summary>Creates a text entry.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(value);
            if (IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' ends in '-bin': give the value as bytes.", nameof(key));
            }

            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"The value of '{Key}' must be printable ASCII.", nameof(value));
                }
            }

            _text = value;
        }

        /// <summary>Creates a binary entry; the key must end in <c>-bin</c>.</summary>
        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' does not end in '-bin': give the value as text.", nameof(key));
            }

            _bytes = value;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>True when the key ends in <c>-bin</c>.</summary>
        public bool IsBinary => IsBinaryKey(Key);

        /// <summary>The text value; for a binary entry, its bytes as base64.</summary>
        public string Value => _text ?? Convert.ToBase64String(_bytes!);

        /// <summary>The binary value; for a text entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_text!);

        /// <inheritdoc />
        public override string ToString() => $"{Key}: {Value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' may hold only a-z, 0-9, '-', '_' and '.'.", nameof(key));
                }
            }

            return lower;
        }
    }
}
