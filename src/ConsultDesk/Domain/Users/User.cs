using Microsoft.AspNetCore.Identity;

namespace ConsultDesk.Domain.Users;

/// <summary>A desk staff member (consultant, manager or admin) or an award judge. Inquirers are not users.</summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When an admin disabled the account; a disabled user cannot sign in and every session of theirs ends.</summary>
    public DateTime? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>Ends every cookie and bearer token issued so far: each request compares the stamp it carries with this one.</summary>
    public void RotateSecurityStamp()
    {
        SecurityStamp = System.Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        ConcurrencyStamp = System.Guid.NewGuid().ToString();
    }
}

public sealed class Role : IdentityRole<Guid>
{
    public Role() { }

    public Role(string name) : base(name) => NormalizedName = name.ToUpperInvariant();
}

/// <summary>The desk's roles. A message lists which of them may send it.</summary>
public static class Roles
{
    public const string Consultant = "consultant";
    public const string Manager = "manager";
    public const string Admin = "admin";
    /// <summary>An award judge: sees only the entries assigned to them (never the case queue); not staff.</summary>
    public const string Judge = "judge";
    /// <summary>Writes and publishes the information portal's content (/desk/info); not staff (never the case queue).</summary>
    public const string Editor = "editor";

    public static readonly IReadOnlyList<string> All = [Consultant, Manager, Admin, Judge, Editor];
    public static readonly IReadOnlyList<string> Staff = [Consultant, Manager, Admin];
    public static readonly IReadOnlyList<string> Supervisors = [Manager, Admin];
    public static readonly IReadOnlyList<string> Admins = [Admin];
    /// <summary>Who may edit the information portal: editors, managers and admins.</summary>
    public static readonly IReadOnlyList<string> InfoEditors = [Editor, Manager, Admin];
}
