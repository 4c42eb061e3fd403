using Microsoft.Extensions.Options;

namespace AccountGrains.Grains;

/// <summary>
/// Runs an options type's own <c>Validate()</c> (which throws with a precise message) as an options
/// validator, so a bad value stops the silo at start with an <see cref="OptionsValidationException"/> naming it.
/// </summary>
internal sealed class ValidatingOptions<T>(Action<T> validate) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"{typeof(T).Name}: {e.Message}");
        }
    }
}
