namespace Framecast.Features.Live;

/// <summary>PATCH /api/v1/me/live: a field left out (or null) stays as it is.</summary>
public sealed record LiveSettingsRequest(string? Title, string? Description, List<string?>? Tags, bool? Record);
