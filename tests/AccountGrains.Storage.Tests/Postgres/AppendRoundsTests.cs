using AccountGrains.Storage.Postgres.Internal;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

public sealed class AppendRoundsTests
{
    [Fact]
    public void Split_WithDistinctAccounts_IsOneRoundInListOrder()
    {
        var rounds = AppendRounds.Split([Append("a", 0, "x"), Append("b", 0, "x"), Append("c", 0, "x")]);

        Assert.Equal([[0, 1, 2]], rounds);
    }

    [Fact]
    public void Split_WithAnAccountRepeated_PutsEachRepeatInALaterRound()
    {
        var rounds = AppendRounds.Split([Append("a", 0, "x"), Append("b", 0, "x"), Append("a", 1, "x"), Append("a", 2, "x"), Append("c", 0, "x")]);

        Assert.Equal([[0, 1, 4], [2], [3]], rounds);
    }
}
