using System.Text;

namespace AccountGrains.Storage.Tests.Contract;

/// <summary>Builders for events and requests used across the store tests.</summary>
internal static class Events
{
    /// <summary>A fixed instant with microseconds and a non-UTC offset, as the stores must keep it.</summary>
    public static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5_358_970);

    public static EventData Event(string text, string type = "LockPlaced", string? reason = null) =>
        new(type, At, "key-1", reason, Encoding.UTF8.GetBytes(text));

    public static AppendRequest Append(string account, long expected, params string[] texts) =>
        new(account, expected, [.. texts.Select(t => Event(t))]);

    public static string Text(StoredEvent e) => Encoding.UTF8.GetString(e.Event.Data.Span);
}
