using AccountGrains.Storage.Postgres;

namespace AccountGrains.Storage.Tests.Postgres;

public sealed class PostgresStoreOptionsTests
{
    [Fact]
    public void Validate_WithDefaultsAndAConnectionString_Passes()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Username=app" };

        options.Validate();

        Assert.Equal("accountgrains", options.Schema);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WithoutConnectionString_Throws(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new PostgresStoreOptions { ConnectionString = connectionString }.Validate());

        Assert.Equal("ConnectionString", error.ParamName);
    }

    [Fact]
    public void Validate_WithMalformedConnectionString_NeverPrintsIt()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=db;Password=hunter2;Port=not-a-port" };

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1starts_with_digit")]
    [InlineData("drop table;")]
    [InlineData("")]
    public void Validate_WithUnsafeSchemaName_Throws(string schema)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new PostgresStoreOptions { ConnectionString = "Host=db", Schema = schema }.Validate());

        Assert.Equal("Schema", error.ParamName);
    }

    [Fact]
    public void Validate_WithSubSecondCommandTimeout_Throws()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new PostgresStoreOptions { ConnectionString = "Host=db", CommandTimeout = TimeSpan.FromMilliseconds(10) }.Validate());

        Assert.Equal("CommandTimeout", error.ParamName);
    }
}
