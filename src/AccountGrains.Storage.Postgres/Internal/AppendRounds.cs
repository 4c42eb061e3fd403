namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// Splits a batch into rounds that one set-based statement each can apply: a round holds at most one
/// request per account (so a later request for an account runs after, and sees, the earlier one) and at
/// most one change per reminder (PostgreSQL cannot upsert a row twice in one statement). Most batches
/// are one round.
/// </summary>
internal static class AppendRounds
{
    /// <summary>The rounds, in order, each as indexes into <paramref name="requests"/> in list order.</summary>
    public static List<List<int>> Split(IReadOnlyList<AppendRequest> requests)
    {
        var rounds = new List<List<int>>();
        var lastRoundOfAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastRoundOfReminder = new Dictionary<(string, string), int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var round = lastRoundOfAccount.GetValueOrDefault(request.AccountId, -1) + 1;
            if (request.Reminder is { } reminder)
            {
                var key = (reminder.GrainId, reminder.Name);
                round = Math.Max(round, lastRoundOfReminder.GetValueOrDefault(key, -1) + 1);
                lastRoundOfReminder[key] = round;
            }

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
