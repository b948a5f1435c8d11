namespace Framecast.Features.Admin.Videos;

public sealed record AdminVideoResponse(string Id, string Title, AdminUserRef Owner, string Status, string Visibility, DateTime CreatedAt, long Views,
    AdminHold? Takedown, bool OwnerBanned, string? ThumbnailUrl);
