using Microsoft.Extensions.Options;

namespace AccountGrains.Runtime;

/// <summary>Fails the start on options that cannot work, naming each problem.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            builder.AddError("must be positive", nameof(options.CollectionQuantum));
        }

        if (options.CollectionAge <= TimeSpan.Zero || options.CollectionAge < options.CollectionQuantum)
        {
            builder.AddError("must be positive and at least CollectionQuantum", nameof(options.CollectionAge));
        }

        if (options.MaxActivations <= 0)
        {
            builder.AddError("must be positive", nameof(options.MaxActivations));
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            builder.AddError("must be positive", nameof(options.ShutdownTimeout));
        }

        return builder.Build();
    }
}

/// <summary>Fails the start on reminder options that cannot work, naming each problem.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.PollPeriod <= TimeSpan.Zero)
        {
            builder.AddError("must be positive", nameof(options.PollPeriod));
        }

        if (options.LookAhead < options.PollPeriod)
        {
            builder.AddError("must be at least PollPeriod, or reminders due between polls would fire late", nameof(options.LookAhead));
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            builder.AddError("must be positive", nameof(options.RetryDelay));
        }

        if (options.BatchSize <= 0)
        {
            builder.AddError("must be positive", nameof(options.BatchSize));
        }

        return builder.Build();
    }
}
