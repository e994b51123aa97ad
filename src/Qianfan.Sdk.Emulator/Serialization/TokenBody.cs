namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>The OAuth endpoint's success body for the client-credentials grant.</summary>
internal sealed record TokenBody(
    string RefreshToken,
    long ExpiresIn,
    string SessionKey,
    string AccessToken,
    string Scope,
    string SessionSecret);
