using Microsoft.Extensions.Options;

namespace Qianfan.Sdk.Zhipu.DependencyInjection;

/// <summary>
/// Checks a registration's settings and key at start-up, so a missing key fails the application's start with a message
/// naming the setting (never echoing a secret) instead of failing its first call. The key's check needs the
/// registration's settings (a JWT needs an <c>{id}.{secret}</c> key), read only when the key is checked: the settings'
/// own check must not depend on them, or resolving the settings would wait on itself.
/// </summary>
internal sealed class ZhipuSettingsValidation(Func<string, ZhipuOptions> options, string optionsName) : IValidateOptions<ZhipuOptions>, IValidateOptions<ZhipuCredentials>
{
    public ValidateOptionsResult Validate(string? name, ZhipuOptions options) =>
        IsMine(name) ? Result(ZhipuSettingsValidator.Errors(options)) : ValidateOptionsResult.Skip;

    public ValidateOptionsResult Validate(string? name, ZhipuCredentials credentials) =>
        IsMine(name) ? Result(ZhipuSettingsValidator.Errors(credentials, options(optionsName))) : ValidateOptionsResult.Skip;

    private bool IsMine(string? name) => string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal);

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
