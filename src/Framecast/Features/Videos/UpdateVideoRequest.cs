namespace Framecast.Features.Videos;

/// <summary>PATCH body: a field left out (or null) stays as it is.</summary>
public sealed record UpdateVideoRequest(string? Title, string? Description, List<string?>? Tags, string? Visibility);
