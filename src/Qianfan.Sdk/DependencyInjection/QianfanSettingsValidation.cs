using Microsoft.Extensions.Options;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// Checks a registration's settings and credentials at start-up, so a missing key fails the application's start with
/// a message naming the key (never echoing a secret) instead of failing its first call.
/// </summary>
internal sealed class QianfanSettingsValidation(string optionsName, bool hasTokenProvider) : IValidateOptions<QianfanOptions>, IValidateOptions<QianfanCredentials>
{
    public ValidateOptionsResult Validate(string? name, QianfanOptions options) =>
        IsMine(name) ? Result(QianfanSettingsValidator.Errors(options)) : ValidateOptionsResult.Skip;

    public ValidateOptionsResult Validate(string? name, QianfanCredentials options) =>
        IsMine(name) ? Result(QianfanSettingsValidator.Errors(options, requireAny: !hasTokenProvider)) : ValidateOptionsResult.Skip;

    private bool IsMine(string? name) => string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal);

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
