using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// Makes a registration's <see cref="QianfanClient"/> when the host starts, so its "Qianfan client ready" line (which
/// API each area uses, with which credentials, or what to set) is in the start-up log rather than at the first call.
/// Bad settings or credentials are left to <see cref="QianfanSettingsValidation"/>, which names them.
/// </summary>
internal sealed class QianfanStartupValidation(IServiceProvider provider, string optionsName, string? serviceKey) : IValidateOptions<QianfanStartupCheck>
{
    public ValidateOptionsResult Validate(string? name, QianfanStartupCheck options)
    {
        if (!string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            _ = serviceKey is null ? provider.GetRequiredService<QianfanClient>() : provider.GetRequiredKeyedService<QianfanClient>(serviceKey);
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException)
        {
            // Reported once, by the settings' and credentials' own validation.
            return ValidateOptionsResult.Skip;
        }
    }
}
