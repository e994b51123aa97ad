using Microsoft.Extensions.Options;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// Checks a registration's options at start-up, so a missing key fails the application's start with a message
/// naming the key (never echoing a secret) instead of failing its first call.
/// </summary>
internal sealed class QianfanOptionsValidator(string optionsName, bool hasTokenProvider) : IValidateOptions<QianfanOptions>
{
    public ValidateOptionsResult Validate(string? name, QianfanOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = options.ValidationErrors();
        if (!hasTokenProvider && !options.HasCredentials && errors.Count == 0)
        {
            errors.Add("No Qianfan credentials: set ApiKey and SecretKey (Qianfan:ApiKey and Qianfan:SecretKey, or QIANFAN_AK and QIANFAN_SK), " +
                "or AccessToken (Qianfan:AccessToken, QIANFAN_ACCESS_TOKEN), or register an IAccessTokenProvider.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
