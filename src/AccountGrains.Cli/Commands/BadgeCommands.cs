using System.CommandLine;
using AccountGrains.Cli.Bulk;
using AccountGrains.Cli.Output;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Commands;

/// <summary>badge grant|revoke (revoke also over --from-file) and recover start|complete.</summary>
internal static class BadgeCommands
{
    public static Command Badge()
    {
        var grantAccount = ProfileCommands.AccountArgument();
        var category = new Option<string>("--category") { Description = "What the badge verifies (e.g. public-figure, brand).", Required = true };
        var grantKey = ProfileCommands.IdempotencyKeyOption();
        var grant = new Command("grant", "Grants the verification badge.") { grantAccount, category, grantKey };
        grant.Handle(async (parse, s, ct) =>
        {
            var reply = await s.Accounts.GrantVerificationAsync(
                new GrantVerificationRequest { AccountId = AccountIds.Check(parse.GetValue(grantAccount)), Category = parse.GetValue(category)!, IdempotencyKey = parse.GetValue(grantKey) ?? "" },
                cancellationToken: ct);
            ProfileCommands.PrintAccount(s.Printer, reply, reply.Account, "badge granted");
            return ExitCodes.Ok;
        });

        var revokeAccount = new Argument<string?>("account") { Description = "The account id (or --from-file).", Arity = ArgumentArity.ZeroOrOne };
        var reason = new Option<string>("--reason", "-r") { Description = "Why the badge is revoked (e.g. impersonation-wave-12).", Required = true };
        var revokeKey = ProfileCommands.IdempotencyKeyOption();
        var bulk = new BulkOptions();
        var revoke = new Command("revoke", "Revokes the verification badge of an account or every account of --from-file.") { revokeAccount, reason, revokeKey };
        bulk.AddTo(revoke);
        revoke.Handle(async (parse, s, ct) =>
        {
            var why = parse.GetValue(reason)!;
            if (bulk.Spec(parse, parse.GetValue(revokeAccount)) is { } spec)
            {
                return await BulkOptions.RunAsync(s, spec, new BulkOperation("badge revoke", "revoked", (item, k, start) => RevokeOne(s.Accounts, why, item, k, start)), ct);
            }

            var reply = await s.Accounts.RevokeVerificationAsync(
                new RevokeVerificationRequest { AccountId = AccountIds.Check(parse.GetValue(revokeAccount)), Reason = why, IdempotencyKey = parse.GetValue(revokeKey) ?? "" },
                cancellationToken: ct);
            ProfileCommands.PrintAccount(s.Printer, reply, reply.Account, reply.PendingRequest is { } pending ? DualControl.Describe(pending) : "badge revoked");
            return ExitCodes.Ok;
        });

        return new Command("badge", "The verification badge.") { grant, revoke };
    }

    public static Command Recover()
    {
        var startAccount = ProfileCommands.AccountArgument();
        var channel = new Option<string>("--channel") { Description = "EMAIL, SMS, VOICE or PUSH.", Required = true };
        var startKey = ProfileCommands.IdempotencyKeyOption();
        var start = new Command("start", "Opens a recovery attempt; prints its one-time code (once: a replay does not return it).") { startAccount, channel, startKey };
        start.Handle(async (parse, s, ct) =>
        {
            var reply = await s.Accounts.StartRecoveryAsync(
                new StartRecoveryRequest
                {
                    AccountId = AccountIds.Check(parse.GetValue(startAccount)),
                    Channel = ProtoEnums.Parse<RecoveryChannel>(parse.GetValue(channel)!, "--channel"),
                    IdempotencyKey = parse.GetValue(startKey) ?? "",
                },
                cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
            }
            else
            {
                s.Printer.Fields("recovery started", [("attempt", reply.AttemptId), ("code", reply.Code.Length > 0 ? reply.Code : "(not returned on a replay)"), ("expires", TimeText.Format(reply.ExpiresAt))]);
            }

            return ExitCodes.Ok;
        });

        var completeAccount = ProfileCommands.AccountArgument();
        var attempt = new Option<string>("--attempt") { Description = "The attempt id recover start printed.", Required = true };
        var code = new Option<string>("--code") { Description = "The one-time code.", Required = true };
        var complete = new Command("complete", "Completes a recovery attempt with its code (a wrong code exits 2 and spends a try).") { completeAccount, attempt, code };
        complete.Handle(async (parse, s, ct) =>
        {
            var reply = await s.Accounts.CompleteRecoveryAsync(
                new CompleteRecoveryRequest { AccountId = AccountIds.Check(parse.GetValue(completeAccount)), AttemptId = parse.GetValue(attempt)!, Code = parse.GetValue(code)! },
                cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
            }
            else
            {
                var head = reply.Restored ? "restored" : $"wrong code: {reply.TriesLeft} tries left";
                s.Printer.Fields(head, Views.Account(reply.Account));
            }

            return reply.Restored ? ExitCodes.Ok : ExitCodes.Refused;
        });

        return new Command("recover", "Account recovery.") { start, complete };
    }

    private static async Task<ItemOutcome> RevokeOne(AccountIntegrityClient accounts, string reason, BulkItem item, string key, DateTimeOffset runStart)
    {
        var reply = await accounts.RevokeVerificationAsync(new RevokeVerificationRequest { AccountId = item.AccountId, Reason = reason, IdempotencyKey = key });
        DualControl.ThrowIfPending(reply.PendingRequest);
        return await WrittenEvents.JudgeAsync(accounts, item.AccountId, reply.Version, "VerificationRevoked", runStart, "no badge was revoked");
    }
}
