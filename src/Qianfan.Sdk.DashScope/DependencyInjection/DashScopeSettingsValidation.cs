using Microsoft.Extensions.Options;

namespace Qianfan.Sdk.DashScope.DependencyInjection;

/// <summary>
/// Checks a registration's settings and credentials at start-up, so a missing key fails the application's start with a
/// message naming the setting (never echoing the key) instead of failing its first call.
/// </summary>
internal sealed class DashScopeSettingsValidation(string optionsName) : IValidateOptions<DashScopeOptions>, IValidateOptions<DashScopeCredentials>
{
    public ValidateOptionsResult Validate(string? name, DashScopeOptions options) =>
        IsMine(name) ? Result(DashScopeSettingsValidator.Errors(options)) : ValidateOptionsResult.Skip;

    public ValidateOptionsResult Validate(string? name, DashScopeCredentials options) =>
        IsMine(name) ? Result(DashScopeSettingsValidator.Errors(options)) : ValidateOptionsResult.Skip;

    private bool IsMine(string? name) => string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal);

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
