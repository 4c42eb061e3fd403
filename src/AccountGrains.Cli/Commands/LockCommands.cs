using System.CommandLine;
using AccountGrains.Cli.Bulk;
using AccountGrains.Cli.Output;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace AccountGrains.Cli.Commands;

/// <summary>lock and unlock, for one account or (with --from-file) every account of a file.</summary>
internal static class LockCommands
{
    public static Command Lock()
    {
        var account = new Argument<string?>("account") { Description = "The account id (or --from-file).", Arity = ArgumentArity.ZeroOrOne };
        var reason = new Option<string>("--reason", "-r") { Description = "COMPROMISED, SUSPICIOUS_ACTIVITY, IMPERSONATION, DECEPTIVE_IDENTITY, POLICY_VIOLATION or USER_REQUESTED.", Required = true };
        var note = new Option<string?>("--note") { Description = "A note kept with the lock (a ticket, an investigation)." };
        var duration = new Option<string?>("--duration") { Description = "How long the lock lasts (1h, 7d); default until unlocked." };
        var key = ProfileCommands.IdempotencyKeyOption();
        var bulk = new BulkOptions();
        var command = new Command("lock", "Places a lock on an account, or on every account of --from-file.") { account, reason, note, duration, key };
        bulk.AddTo(command);
        command.Handle(async (parse, s, ct) =>
        {
            var request = new LockRequest
            {
                Reason = ProtoEnums.Parse<LockReason>(parse.GetValue(reason)!, "--reason"),
                Note = parse.GetValue(note) ?? "",
                Duration = parse.GetValue(duration) is { } d ? Duration.FromTimeSpan(TimeText.ParseDuration(d, "--duration")) : null,
            };
            if (bulk.Spec(parse, parse.GetValue(account)) is { } spec)
            {
                return await BulkOptions.RunAsync(s, spec, new BulkOperation("lock", "locked", (item, k, start) => LockOne(s.Accounts, request, item, k, start)), ct);
            }

            request.AccountId = AccountIds.Check(parse.GetValue(account));
            request.IdempotencyKey = parse.GetValue(key) ?? "";
            var reply = await s.Accounts.LockAsync(request, cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
            }
            else
            {
                s.Printer.Fields($"locked: {reply.LockId}", Views.Account(reply.Account));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Unlock()
    {
        var account = new Argument<string?>("account") { Description = "The account id (or --from-file).", Arity = ArgumentArity.ZeroOrOne };
        var lockId = new Option<string?>("--lock-id") { Description = "Lift this lock (NOT_FOUND when it is not in force)." };
        var reason = new Option<string?>("--reason", "-r") { Description = "Lift every lock with this reason." };
        var all = new Option<bool>("--all") { Description = "Lift every lock." };
        var note = new Option<string?>("--note") { Description = "Why the locks are lifted." };
        var key = ProfileCommands.IdempotencyKeyOption();
        var bulk = new BulkOptions();
        var command = new Command("unlock", "Lifts one lock, the locks with a reason, or all, of an account or every account of --from-file.") { account, lockId, reason, all, note, key };
        bulk.AddTo(command);
        command.Handle(async (parse, s, ct) =>
        {
            var request = new UnlockRequest { Note = parse.GetValue(note) ?? "" };
            var targets = (parse.GetValue(lockId) is null ? 0 : 1) + (parse.GetValue(reason) is null ? 0 : 1) + (parse.GetValue(all) ? 1 : 0);
            if (targets != 1)
            {
                throw new CliUsageException("give one of --lock-id, --reason or --all");
            }

            if (parse.GetValue(lockId) is { } id)
            {
                request.LockId = id;
            }
            else if (parse.GetValue(reason) is { } r)
            {
                request.Reason = ProtoEnums.Parse<LockReason>(r, "--reason");
            }
            else
            {
                request.All = true;
            }

            if (bulk.Spec(parse, parse.GetValue(account)) is { } spec)
            {
                if (request.TargetCase == UnlockRequest.TargetOneofCase.LockId)
                {
                    throw new CliUsageException("--lock-id names one account's lock: use --reason or --all with --from-file");
                }

                return await BulkOptions.RunAsync(s, spec, new BulkOperation("unlock", "unlocked", (item, k, start) => UnlockOne(s.Accounts, request, item, k, start)), ct);
            }

            request.AccountId = AccountIds.Check(parse.GetValue(account));
            request.IdempotencyKey = parse.GetValue(key) ?? "";
            var reply = await s.Accounts.UnlockAsync(request, cancellationToken: ct);
            ProfileCommands.PrintAccount(s.Printer, reply, reply.Account, reply.PendingRequest is { } pending ? DualControl.Describe(pending) : "unlocked");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A replayed lock returns the first lock's id; the account in the reply says when that lock was placed, so a lock
    /// placed before this run began is the earlier run's (decision 0012).
    /// </summary>
    private static async Task<ItemOutcome> LockOne(AccountIntegrityClient accounts, LockRequest template, BulkItem item, string key, DateTimeOffset runStart)
    {
        var request = template.Clone();
        request.AccountId = item.AccountId;
        request.IdempotencyKey = key;
        var reply = await accounts.LockAsync(request);
        var placed = reply.Account.Locks.FirstOrDefault(l => l.LockId == reply.LockId);
        if (placed is null)
        {
            return ItemOutcome.Already($"{reply.LockId} was placed earlier and is no longer in force");
        }

        return placed.PlacedAt.ToDateTimeOffset() >= runStart ? ItemOutcome.Done : ItemOutcome.Already($"{reply.LockId} placed {TimeText.Format(placed.PlacedAt)}");
    }

    private static async Task<ItemOutcome> UnlockOne(AccountIntegrityClient accounts, UnlockRequest template, BulkItem item, string key, DateTimeOffset runStart)
    {
        var request = template.Clone();
        request.AccountId = item.AccountId;
        request.IdempotencyKey = key;
        var reply = await accounts.UnlockAsync(request);
        DualControl.ThrowIfPending(reply.PendingRequest);
        return await WrittenEvents.JudgeAsync(accounts, item.AccountId, reply.Version, "LockLifted", runStart, "no matching lock was in force");
    }
}
