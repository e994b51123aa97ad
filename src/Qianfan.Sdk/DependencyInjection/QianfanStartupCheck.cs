namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// A settings type with nothing in it, registered (per registration) for validation at start-up only so that its
/// validator, <see cref="QianfanStartupValidation"/>, runs when the host starts.
/// </summary>
internal sealed class QianfanStartupCheck
{
}
