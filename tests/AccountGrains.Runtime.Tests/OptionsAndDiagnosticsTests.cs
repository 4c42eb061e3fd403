using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountGrains.Runtime.Tests;

public sealed class OptionsAndDiagnosticsTests
{
    [Fact]
    public async Task InvalidRuntimeOptions_FailTheStart()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(o => (o.MaxActivations, o.CollectionAge) = (0, TimeSpan.FromSeconds(1))));

        Assert.Contains(nameof(GrainRuntimeOptions.MaxActivations), failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(GrainRuntimeOptions.CollectionAge), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidReminderOptions_FailTheStart()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestSilo.StartAsync(reminders: new InMemoryReminderStore(), reminderOptions: o => o.LookAhead = o.PollPeriod / 2));

        Assert.Contains(nameof(ReminderOptions.LookAhead), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivationCounts_AreReportedInTotalAndByGrainType()
    {
        await using var silo = await TestSilo.StartAsync();
        await silo.Factory.GetGrain<ProbeGrain>("a").InvokeAsync(0, ProbeGrain.WhoAmI);
        await silo.Factory.GetGrain<ProbeGrain>("b").InvokeAsync(0, ProbeGrain.WhoAmI);
        await silo.Factory.GetGrain<SerialGrain>("a").InvokeAsync((0, 1), SerialGrain.Apply);

        var byType = silo.Runtime.GetActivationCountsByType();

        Assert.Equal(3, silo.Runtime.ActivationCount);
        Assert.Equal(2, byType["probe"]);
        Assert.Equal(1, byType["serial"]);
        Assert.Equal(0, byType["reminded"]);
    }

    [Fact]
    public async Task Meter_CountsTurnsAndCreatedActivations()
    {
        await using var silo = await TestSilo.StartAsync();
        var meterFactory = silo.Services.GetRequiredService<IMeterFactory>(); // other tests' silos publish the same meter name
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GrainRuntimeTelemetry.MeterName && instrument.Meter.Scope == meterFactory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        var grain = silo.Factory.GetGrain<ProbeGrain>("m");
        for (var i = 0; i < 3; i++)
        {
            await grain.InvokeAsync(0, ProbeGrain.WhoAmI);
        }

        lock (measured)
        {
            Assert.Equal(3, measured[GrainRuntimeTelemetry.Turns]);
            Assert.Equal(1, measured[GrainRuntimeTelemetry.ActivationsCreated]);
        }
    }

    [Theory]
    [InlineData("account/alice", "account", "alice")]
    [InlineData("account/a/b", "account", "a/b")]
    public void GrainId_ParsesTheTypeSlashKeyForm_AndPrintsItBack(string text, string type, string key)
    {
        var id = GrainId.Parse(text);

        Assert.Equal(new GrainId(type, key), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("account")]
    [InlineData("/alice")]
    [InlineData("account/")]
    public void GrainId_WithoutTypeOrKey_DoesNotParse(string text) => Assert.False(GrainId.TryParse(text, out _));
}
