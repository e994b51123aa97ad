namespace Qianfan.Sdk.Core.Authorization;

/// <summary>A token an exchange returned and when it stops working. Not a record: its ToString must not print the token.</summary>
internal sealed class IssuedToken(string value, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public override string ToString() => $"token expiring {ExpiresAt:u}";
}
