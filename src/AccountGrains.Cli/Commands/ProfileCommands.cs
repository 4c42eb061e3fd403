using System.CommandLine;
using AccountGrains.Cli.Output;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Cli.Commands;

/// <summary>show, verify, signal, high-profile: one account, one call.</summary>
internal static class ProfileCommands
{
    public static Argument<string> AccountArgument() => new("account") { Description = "The account id." };

    public static Command Show()
    {
        var account = AccountArgument();
        var command = new Command("show", "The account's posture: status, locks, risk, badge, recovery.") { account };
        command.Handle(async (parse, s, ct) =>
        {
            var a = await s.Accounts.GetAccountAsync(AccountIds.Check(parse.GetValue(account)), cancellationToken: ct);
            PrintAccount(s.Printer, a, a, null);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Verify()
    {
        var account = AccountArgument();
        var action = new Option<string>("--action") { Description = "LOGIN, SENSITIVE or RECOVER.", DefaultValueFactory = _ => "LOGIN" };
        var device = new Option<string?>("--device") { Description = "The device the action comes from." };
        var command = new Command("verify", "May the account act? Prints ALLOW, CHALLENGE or DENY with the reasons (exit 0 whatever the decision).") { account, action, device };
        command.Handle(async (parse, s, ct) =>
        {
            var id = AccountIds.Check(parse.GetValue(account));
            var reply = await s.Accounts.VerifyAsync(id, ProtoEnums.Parse<Action>(parse.GetValue(action)!, "--action"), parse.GetValue(device), cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
            }
            else
            {
                s.Printer.Fields(null, Views.Verify(id, reply));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Signal()
    {
        var account = AccountArgument();
        var kind = new Argument<string>("kind") { Description = "FAILED_LOGIN, SUCCESSFUL_LOGIN, CREDENTIAL_LEAKED, SIM_SWAP, SUSPICIOUS_LOGIN or CREDENTIAL_RESET." };
        var device = new Option<string?>("--device") { Description = "The device the signal is about." };
        var key = IdempotencyKeyOption();
        var command = new Command("signal", "Reports a security signal about the account.") { account, kind, device, key };
        command.Handle(async (parse, s, ct) =>
        {
            var reply = await s.Accounts.ReportSignalAsync(
                new ReportSignalRequest
                {
                    AccountId = AccountIds.Check(parse.GetValue(account)),
                    Kind = ProtoEnums.Parse<SignalKind>(parse.GetValue(kind)!, "kind"),
                    DeviceId = parse.GetValue(device) ?? "",
                    IdempotencyKey = parse.GetValue(key) ?? "",
                },
                cancellationToken: ct);
            PrintAccount(s.Printer, reply, reply.Account, null);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command HighProfile()
    {
        var account = AccountArgument();
        var value = new Argument<string>("on|off") { Description = "on marks the account high-profile, off clears it (admin only)." };
        var key = IdempotencyKeyOption();
        var command = new Command("high-profile", "Sets or clears the account's high-profile flag.") { account, value, key };
        command.Handle(async (parse, s, ct) =>
        {
            var on = parse.GetValue(value) switch
            {
                "on" or "true" or "yes" => true,
                "off" or "false" or "no" => false,
                var other => throw new CliUsageException($"'{other}' is not on or off"),
            };
            var reply = await s.Accounts.SetHighProfileAsync(
                new SetHighProfileRequest { AccountId = AccountIds.Check(parse.GetValue(account)), HighProfile = on, IdempotencyKey = parse.GetValue(key) ?? "" },
                cancellationToken: ct);
            PrintAccount(s.Printer, reply, reply.Account, null);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Option<string?> IdempotencyKeyOption() => new("--idempotency-key")
    {
        Description = "Makes a repeat of this call return the first result and write nothing (and lets the client retry it).",
    };

    /// <summary>A write's result: its reply as JSON, or the account after it as a table under <paramref name="title"/>.</summary>
    public static void PrintAccount(Printer printer, Google.Protobuf.IMessage reply, Account account, string? title)
    {
        if (printer.Json)
        {
            printer.WriteJson(reply);
        }
        else
        {
            printer.Fields(title, Views.Account(account));
        }
    }
}
