using System.Globalization;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Output;

/// <summary>The table rows of the service's messages: what an agent reads first comes first.</summary>
internal static class Views
{
    public static IEnumerable<(string, string)> Account(Account a)
    {
        yield return ("account", a.AccountId);
        yield return ("status", ProtoEnums.Short(a.Status));
        yield return ("version", a.Version.ToString(CultureInfo.InvariantCulture));
        yield return ("risk", ProtoEnums.Short(a.Risk));
        foreach (var l in a.Locks)
        {
            var until = l.ExpiresAt is null ? "until unlocked" : "until " + TimeText.Format(l.ExpiresAt);
            var note = l.Note.Length > 0 ? $", note: {l.Note}" : "";
            yield return ("lock", $"{l.LockId} {ProtoEnums.Short(l.Reason)} by {l.PlacedBy} at {TimeText.Format(l.PlacedAt)} {until}{note}");
        }

        yield return ("credential compromised", YesNo(a.CredentialCompromised));
        yield return ("credential reset required", YesNo(a.CredentialResetRequired));
        yield return ("high profile", YesNo(a.HighProfile));
        if (a.Badge is { } b)
        {
            var badge = ProtoEnums.Short(b.State);
            if (b.Category.Length > 0)
            {
                badge += $" ({b.Category})";
            }

            if (b.Since is not null)
            {
                badge += $" since {TimeText.Format(b.Since)}";
            }

            if (b.GrantedBy.Length > 0)
            {
                badge += $" by {b.GrantedBy}";
            }

            if (b.RevokedReason.Length > 0)
            {
                badge += $", revoked: {b.RevokedReason}";
            }

            yield return ("badge", badge);
        }

        yield return ("sessions valid after", TimeText.Format(a.SessionsValidAfter));
        if (a.Recovery is { Open: true } r)
        {
            yield return ("recovery", $"open {r.AttemptId} via {ProtoEnums.Short(r.Channel)} until {TimeText.Format(r.ExpiresAt)}, {r.TriesLeft} tries left");
        }
        else if (a.Recovery is { BlockedUntil: not null } blocked)
        {
            yield return ("recovery", $"blocked until {TimeText.Format(blocked.BlockedUntil)}");
        }

        yield return ("known devices", string.Join(", ", a.KnownDevices));
    }

    public static IEnumerable<(string, string)> Verify(string accountId, VerifyReply v) =>
    [
        ("account", accountId),
        ("decision", ProtoEnums.Short(v.Decision)),
        ("reasons", string.Join(", ", v.Reasons)),
        ("version", v.Version.ToString(CultureInfo.InvariantCulture)),
        ("sessions valid after", TimeText.Format(v.SessionsValidAfter)),
    ];

    public static string[] HistoryColumns => ["seq", "at", "type", "actor", "reason", "data"];

    public static string[] History(HistoryEvent e) =>
        [e.Seq.ToString(CultureInfo.InvariantCulture), TimeText.Format(e.At), e.Type, e.Actor, e.Reason, e.DataJson];

    public static string Event(AccountEvent e) => string.Join(
        "  ",
        e.Position.ToString(CultureInfo.InvariantCulture),
        TimeText.Format(e.Time),
        e.AccountId,
        "#" + e.Seq.ToString(CultureInfo.InvariantCulture),
        e.Type,
        "by " + (e.Actor?.Display ?? ""),
        e.Reason.Length > 0 ? "reason " + e.Reason : "",
        e.DataJson).TrimEnd();

    private static string YesNo(bool b) => b ? "yes" : "no";
}
