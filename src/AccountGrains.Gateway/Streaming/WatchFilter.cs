using AccountGrains.Abstractions;
using AccountGrains.Domain;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>A subscriber's <c>EventFilter</c>, checked once: which event types and accounts it keeps (empty sets keep all).</summary>
internal sealed class WatchFilter
{
    private readonly HashSet<string>? _types;
    private readonly HashSet<string>? _accounts;

    private WatchFilter(HashSet<string>? types, HashSet<string>? accounts)
    {
        _types = types;
        _accounts = accounts;
    }

    /// <summary>Builds the filter; an unknown event type, a bad account id or too many accounts is INVALID_ARGUMENT.</summary>
    public static WatchFilter From(V1.EventFilter? filter)
    {
        if (filter is null)
        {
            return new WatchFilter(null, null);
        }

        foreach (var type in filter.EventTypes)
        {
            if (!EventTypeNames.All.Contains(type))
            {
                throw GatewayErrors.InvalidArgument($"Unknown event type '{type}'; the types are {string.Join(", ", EventTypeNames.All)}.");
            }
        }

        if (filter.AccountIds.Count > GatewayWatchOptions.MaxFilterAccounts)
        {
            throw GatewayErrors.InvalidArgument($"A filter names at most {GatewayWatchOptions.MaxFilterAccounts} accounts.");
        }

        foreach (var account in filter.AccountIds)
        {
            if (!AccountIds.IsValid(account))
            {
                throw GatewayErrors.InvalidArgument("A filter's account ids are 1-64 characters of [A-Za-z0-9_.-].");
            }
        }

        return new WatchFilter(
            filter.EventTypes.Count == 0 ? null : new HashSet<string>(filter.EventTypes, StringComparer.Ordinal),
            filter.AccountIds.Count == 0 ? null : new HashSet<string>(filter.AccountIds, StringComparer.Ordinal));
    }

    public bool Matches(string accountId, string type) =>
        (_types is null || _types.Contains(type)) && (_accounts is null || _accounts.Contains(accountId));
}
