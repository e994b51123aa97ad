namespace Qianfan.Sdk.Emulator.V2;

/// <summary>A bearer token the IAM endpoint handed out: valid for V2 calls from <see cref="CreatedAt"/> until <see cref="ExpiresAt"/>.</summary>
internal sealed record IssuedBearerToken(string Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
