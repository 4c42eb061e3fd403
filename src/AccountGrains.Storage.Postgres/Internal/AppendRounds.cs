namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// Splits a batch into rounds that one set-based statement each can apply: a round holds at most one
/// request per account (so a later request for an account runs after, and sees, the earlier one: one
/// statement cannot update a stream's row twice). Most batches are one round.
/// </summary>
internal static class AppendRounds
{
    /// <summary>The rounds, in order, each as indexes into <paramref name="requests"/> in list order.</summary>
    public static List<List<int>> Split(IReadOnlyList<AppendRequest> requests)
    {
        var rounds = new List<List<int>>();
        var lastRoundOfAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var round = lastRoundOfAccount.GetValueOrDefault(request.AccountId, -1) + 1;
            lastRoundOfAccount[request.AccountId] = round;
            while (rounds.Count <= round)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }
}
