using System.Linq.Expressions;

namespace Framecast.Features.Videos;

/// <summary>
/// The bits of <see cref="Video.ModerationHold"/>. Each has its own owner (a takedown, a ban) so lifting one never
/// uncovers a video the other still hides.
/// </summary>
public static class ModerationHolds
{
    public const int TakenDown = 1;
    public const int OwnerBanned = 2;

    /// <summary>What every public listing shows: ready, public and not held.</summary>
    public static readonly Expression<Func<Video, bool>> Listed =
        v => v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public && v.ModerationHold == 0;

    /// <summary>The same, as SQL over a <c>videos</c> row named <paramref name="alias"/>.</summary>
    public static string ListedSql(string alias) =>
        $"{alias}.status = 'ready' AND {alias}.visibility = 'public' AND {alias}.moderation_hold = 0";

    public static bool IsListed(Video v) => v.Status == VideoStatus.Ready && v.Visibility == Visibility.Public && v.ModerationHold == 0;
}
