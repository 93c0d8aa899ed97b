namespace EOffice.Web.Services;

/// <summary>One kind of notice: always in the app; <see cref="Email"/> when the user also wants it by email.</summary>
public sealed record NotificationPreference(string Kind, bool InApp, bool Email);
