namespace Framecast.Features.Notifications;

public static class NotificationTypes
{
    /// <summary>A followed channel went live.</summary>
    public const string Live = "live";

    /// <summary>A followed channel published a public video.</summary>
    public const string Video = "video";

    /// <summary>Someone replied to my comment.</summary>
    public const string Reply = "reply";

    /// <summary>My channel received a gift.</summary>
    public const string Gift = "gift";

    /// <summary>An admin took down one of my videos (the message says why) or restored it.</summary>
    public const string Moderation = "moderation";

    /// <summary>A report I made was resolved (the message says how).</summary>
    public const string Report = "report";
}
