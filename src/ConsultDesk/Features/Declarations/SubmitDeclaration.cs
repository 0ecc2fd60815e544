using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Domain.LocalGovernments;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// Action宣言 intake (/sengen/new and <c>POST /api/v1/declarations</c>): stores an unconfirmed declaration, its first
/// version and event, and the confirmation mail with the declarant's link, in one transaction.
/// </summary>
public static class SubmitDeclaration
{
    public const string ConfirmationMailKind = "declaration-confirmation";

    /// <summary>What a declarant states; the same shape serves the first submission and every resubmission.</summary>
    public sealed record Command : ICommand<Response>, IPublicMessage
    {
        public OrganizationInput? Organization { get; init; }
        public AddressInput? Address { get; init; }
        public RepresentativeInput? Representative { get; init; }
        public ContactInput? Contact { get; init; }
        /// <summary>The commitment items chosen (at least one), each with its 取組内容.</summary>
        public IReadOnlyList<CommitmentInput>? Commitments { get; init; }
        /// <summary>The codes of the agreements ticked: every active agreement must be there.</summary>
        public IReadOnlyList<string>? Agreements { get; init; }
        public InquiryLanguage? Language { get; init; }

        /// <summary>Set by the host, not by the body: which door the declaration came through.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IntakeSource Source { get; init; } = IntakeSource.Api;

        /// <summary>The command as every door validates it (<see cref="FormInput"/>), like <c>SubmitInquiry.Command.Normalized</c>.</summary>
        public Command Normalized() => this with
        {
            Organization = Organization is null ? null : Organization with
            {
                Name = FormInput.Text(Organization.Name),
                NameKana = FormInput.Text(Organization.NameKana) is { } kana ? JapaneseText.ToFullWidthKatakana(kana) : null,
                CorporateNumber = CorporateNumberDigits(Organization.CorporateNumber),
                NoCorporateNumberReason = FormInput.Text(Organization.NoCorporateNumberReason),
                Industry = FormInput.Code(Organization.Industry),
                Website = FormInput.Text(Organization.Website),
            },
            Address = Address is null ? null : Address with
            {
                PostalCode = FormInput.PostalCode(Address.PostalCode),
                PrefectureCode = FormInput.Code(Address.PrefectureCode),
                LocalGovernmentCode = FormInput.Code(Address.LocalGovernmentCode),
                Street = FormInput.Text(Address.Street),
                Building = FormInput.Text(Address.Building),
            },
            Representative = Representative is null ? null : Representative with
            {
                Name = FormInput.Text(Representative.Name),
                Title = FormInput.Text(Representative.Title),
            },
            Contact = Contact is null ? null : Contact with
            {
                FamilyName = FormInput.Text(Contact.FamilyName),
                GivenName = FormInput.Text(Contact.GivenName),
                FamilyNameKana = FormInput.Text(Contact.FamilyNameKana) is { } family ? JapaneseText.ToFullWidthKatakana(family) : null,
                GivenNameKana = FormInput.Text(Contact.GivenNameKana) is { } given ? JapaneseText.ToFullWidthKatakana(given) : null,
                Department = FormInput.Text(Contact.Department),
                Email = FormInput.Email(Contact.Email),
                Phone = FormInput.Phone(Contact.Phone),
            },
            Commitments = Commitments?.Select(c => c is null ? new CommitmentInput() : c with
            {
                ItemCode = FormInput.Code(c.ItemCode),
                Text = FormInput.Multiline(c.Text),
            }).ToList(),
            Agreements = Agreements?.Select(a => FormInput.Code(a) ?? "").ToList(),
        };

        /// <summary>法人番号 as typed (full-width digits, spaces and hyphens allowed) reduced to its digits; anything else kept for the validator to refuse.</summary>
        private static string? CorporateNumberDigits(string? value) =>
            FormInput.Phone(value)?.Replace("-", "", StringComparison.Ordinal) is { Length: > 0 } folded ? folded : null;

        /// <summary>The validated command as the stored content.</summary>
        public DeclarationContent ToContent()
        {
            var organization = Organization!;
            var address = Address!;
            var contact = Contact!;
            return new DeclarationContent
            {
                OrganizationName = organization.Name!,
                OrganizationNameKana = organization.NameKana!,
                CorporateNumber = organization.CorporateNumber,
                NoCorporateNumberReason = organization.CorporateNumber is null ? organization.NoCorporateNumberReason : null,
                PostalCode = FormInput.PostalCodeDigits(address.PostalCode)!,
                PrefectureCode = address.PrefectureCode!,
                LocalGovernmentCode = address.LocalGovernmentCode!,
                Street = address.Street!,
                Building = address.Building,
                Industry = organization.Industry!,
                Employees = organization.Employees!.Value,
                Website = organization.Website,
                RepresentativeName = Representative!.Name!,
                RepresentativeTitle = Representative.Title!,
                ContactFamilyName = contact.FamilyName!,
                ContactGivenName = contact.GivenName!,
                ContactFamilyNameKana = contact.FamilyNameKana ?? "",
                ContactGivenNameKana = contact.GivenNameKana ?? "",
                ContactDepartment = contact.Department,
                ContactEmail = contact.Email!,
                ContactPhone = JapaneseText.NormalizePhone(contact.Phone!),
                Commitments = Commitments!.Select(c => new DeclarationCommitment(c.ItemCode!, c.Text!)).ToList(),
                Agreements = Agreements!.Distinct(StringComparer.Ordinal).ToList(),
                Language = Language ?? InquiryLanguage.Ja,
            };
        }

        /// <summary>A stored version as a command, to prefill the declarant's edit form.</summary>
        public static Command From(DeclarationContent content) => new()
        {
            Organization = new OrganizationInput
            {
                Name = content.OrganizationName,
                NameKana = content.OrganizationNameKana,
                CorporateNumber = content.CorporateNumber,
                NoCorporateNumberReason = content.NoCorporateNumberReason,
                Industry = content.Industry,
                Employees = content.Employees,
                Website = content.Website,
            },
            Address = new AddressInput
            {
                PostalCode = content.PostalCode,
                PrefectureCode = content.PrefectureCode,
                LocalGovernmentCode = content.LocalGovernmentCode,
                Street = content.Street,
                Building = content.Building,
            },
            Representative = new RepresentativeInput { Name = content.RepresentativeName, Title = content.RepresentativeTitle },
            Contact = new ContactInput
            {
                FamilyName = content.ContactFamilyName,
                GivenName = content.ContactGivenName,
                FamilyNameKana = content.ContactFamilyNameKana,
                GivenNameKana = content.ContactGivenNameKana,
                Department = content.ContactDepartment,
                Email = content.ContactEmail,
                Phone = content.ContactPhone,
            },
            Commitments = content.Commitments.Select(c => new CommitmentInput { ItemCode = c.ItemCode, Text = c.Text }).ToList(),
            Agreements = content.Agreements,
            Language = content.Language,
        };
    }

    public sealed record OrganizationInput
    {
        public string? Name { get; init; }
        /// <summary>Katakana, without the legal form (カブシキガイシャ etc.).</summary>
        public string? NameKana { get; init; }
        /// <summary>法人番号: 13 digits with a valid check digit; leave empty only with <see cref="NoCorporateNumberReason"/>.</summary>
        public string? CorporateNumber { get; init; }
        public string? NoCorporateNumberReason { get; init; }
        public string? Industry { get; init; }
        public int? Employees { get; init; }
        public string? Website { get; init; }
    }

    public sealed record AddressInput
    {
        /// <summary>Seven digits, with or without the hyphen.</summary>
        public string? PostalCode { get; init; }
        public string? PrefectureCode { get; init; }
        /// <summary>団体コード (6 digits) of the 市区町村, from the code master; it must be in <see cref="PrefectureCode"/>.</summary>
        public string? LocalGovernmentCode { get; init; }
        /// <summary>町域・番地.</summary>
        public string? Street { get; init; }
        /// <summary>建物名.</summary>
        public string? Building { get; init; }
    }

    public sealed record RepresentativeInput
    {
        public string? Name { get; init; }
        public string? Title { get; init; }
    }

    public sealed record ContactInput
    {
        public string? FamilyName { get; init; }
        public string? GivenName { get; init; }
        public string? FamilyNameKana { get; init; }
        public string? GivenNameKana { get; init; }
        public string? Department { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
    }

    public sealed record CommitmentInput
    {
        /// <summary>The item's code ("1" for 【1】).</summary>
        public string? ItemCode { get; init; }
        /// <summary>取組内容 (at most 1,000 characters).</summary>
        public string? Text { get; init; }
    }

    /// <param name="ConfirmationExpiresAt">Until when the mailed link confirms the declaration (UTC); unconfirmed, it is deleted after.</param>
    public sealed record Response(Guid Id, DeclarationStatus Status, DateTime ConfirmationExpiresAt);

    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxWebsiteLength = 500;
    public const int MaxEmployees = 10_000_000;

    /// <summary>Legal forms a katakana name must not carry (the reading is of the name itself, as on 法人番号公表サイト's フリガナ).</summary>
    public static readonly IReadOnlyList<string> LegalFormsInKana =
    [
        "カブシキガイシャ", "カブシキカイシャ", "ユウゲンガイシャ", "ユウゲンカイシャ", "ゴウドウガイシャ", "ゴウドウカイシャ",
        "ゴウメイガイシャ", "ゴウメイカイシャ", "ゴウシガイシャ", "ゴウシカイシャ",
        "イッパンシャダンホウジン", "コウエキシャダンホウジン", "イッパンザイダンホウジン", "コウエキザイダンホウジン",
        "トクテイヒエイリカツドウホウジン", "エヌピーオーホウジン", "シャカイフクシホウジン", "イリョウホウジン", "ガッコウホウジン",
        "ユウゲンセキニンジギョウクミアイ", "キギョウクミアイ",
    ];

    /// <summary>True when the reading starts or ends with a legal form (spaces and the middle dot ignored).</summary>
    public static bool HasLegalForm(string? kana)
    {
        if (string.IsNullOrWhiteSpace(kana)) return false;
        var compact = new string(JapaneseText.ToFullWidthKatakana(kana).Where(c => !char.IsWhiteSpace(c) && c is not '・' and not '　').ToArray());
        return LegalFormsInKana.Any(form => compact.StartsWith(form, StringComparison.Ordinal) || compact.EndsWith(form, StringComparison.Ordinal));
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IDeclarationItems items, LocalGovernmentDirectory directory, TimeProvider clock)
        {
            RuleFor(c => c.Organization).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.SengenFieldOrganizationName));
            When(c => c.Organization is not null, () =>
            {
                RuleFor(c => c.Organization!.Name).Required(() => Texts.SengenFieldOrganizationName)
                    .SingleLine(MaxNameLength, () => Texts.SengenFieldOrganizationName);
                RuleFor(c => c.Organization!.NameKana).Required(() => Texts.SengenFieldOrganizationNameKana)
                    .SingleLine(MaxNameLength, () => Texts.SengenFieldOrganizationNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.SengenFieldOrganizationNameKana))
                    .Must(kana => !HasLegalForm(kana)).WithMessage(_ => Texts.SengenKanaLegalForm);
                RuleFor(c => c.Organization!.CorporateNumber)
                    .Must(n => n is null || CorporateNumber.IsValid(n)).WithMessage(_ => Texts.SengenCorporateNumberInvalid);
                RuleFor(c => c.Organization!.NoCorporateNumberReason)
                    .NotEmpty().When(c => c.Organization!.CorporateNumber is null).WithMessage(_ => Texts.SengenCorporateNumberReasonRequired)
                    .SingleLine(MaxReasonLength, () => Texts.SengenFieldNoCorporateNumberReason);
                RuleFor(c => c.Organization!.Industry).Must(Industry.IsKnown).WithMessage(_ => Texts.Industry);
                RuleFor(c => c.Organization!.Employees).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldEmployees))
                    .InclusiveBetween(0, MaxEmployees).WithMessage(_ => Texts.Employees);
                RuleFor(c => c.Organization!.Website).SingleLine(MaxWebsiteLength, () => Texts.SengenFieldWebsite)
                    .Must(BeWebAddressWhenGiven).WithMessage(_ => Texts.SengenWebsiteFormat);
            });

            RuleFor(c => c.Address).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldPostalCode));
            When(c => c.Address is not null, () =>
            {
                RuleFor(c => c.Address!.PostalCode).Required(() => Texts.FieldPostalCode)
                    .Must(p => p is null || FormInput.PostalCodeDigits(p) is not null).WithMessage(_ => Texts.PostalCodeFormat);
                RuleFor(c => c.Address!.PrefectureCode).Must(Prefecture.IsValidCode).WithMessage(_ => Texts.Prefecture);
                RuleFor(c => c.Address!.LocalGovernmentCode).Required(() => Texts.SengenFieldMunicipality)
                    .Must(code => code is null || IsCurrentMunicipality(directory, code, clock)).WithMessage(_ => Texts.SengenMunicipalityUnknown)
                    .Must((c, code) => code is null || !IsCurrentMunicipality(directory, code, clock) || !Prefecture.IsValidCode(c.Address!.PrefectureCode)
                        || code[..2] == c.Address!.PrefectureCode).WithMessage(_ => Texts.LocalGovernmentCodePrefecture);
                RuleFor(c => c.Address!.Street).Required(() => Texts.FieldAddressStreet).SingleLine(200, () => Texts.FieldAddressStreet);
                RuleFor(c => c.Address!.Building).SingleLine(200, () => Texts.FieldAddressBuilding);
            });

            RuleFor(c => c.Representative).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.SengenFieldRepresentativeName));
            When(c => c.Representative is not null, () =>
            {
                RuleFor(c => c.Representative!.Name).Required(() => Texts.SengenFieldRepresentativeName).SingleLine(100, () => Texts.SengenFieldRepresentativeName);
                RuleFor(c => c.Representative!.Title).Required(() => Texts.SengenFieldRepresentativeTitle).SingleLine(100, () => Texts.SengenFieldRepresentativeTitle);
            });

            RuleFor(c => c.Contact).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldContact));
            When(c => c.Contact is not null, () =>
            {
                RuleFor(c => c.Contact!.FamilyName).Required(() => Texts.FieldFamilyName).SingleLine(50, () => Texts.FieldFamilyName);
                RuleFor(c => c.Contact!.GivenName).Required(() => Texts.FieldGivenName).SingleLine(50, () => Texts.FieldGivenName);
                RuleFor(c => c.Contact!.FamilyNameKana).Required(() => Texts.FieldFamilyNameKana).When(c => c.Language != InquiryLanguage.En);
                RuleFor(c => c.Contact!.FamilyNameKana).SingleLine(50, () => Texts.FieldFamilyNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.FieldFamilyNameKana));
                RuleFor(c => c.Contact!.GivenNameKana).Required(() => Texts.FieldGivenNameKana).When(c => c.Language != InquiryLanguage.En);
                RuleFor(c => c.Contact!.GivenNameKana).SingleLine(50, () => Texts.FieldGivenNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.FieldGivenNameKana));
                RuleFor(c => c.Contact!.Department).SingleLine(100, () => Texts.FieldDepartment);
                RuleFor(c => c.Contact!.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail)
                    .Must(e => e is null || EmailAddress.IsValid(e)).WithMessage(_ => Texts.Email);
                RuleFor(c => c.Contact!.Phone).Required(() => Texts.FieldPhone).SingleLine(30, () => Texts.FieldPhone)
                    .Must(p => p is null || JapaneseText.IsJapanesePhone(JapaneseText.NormalizePhone(p))).WithMessage(_ => Texts.Phone);
            });

            // The items and agreements are rows admins edit: read the active ones once per validation.
            RuleFor(c => c).CustomAsync(async (command, context, cancellationToken) =>
            {
                var active = await items.ActiveAsync(cancellationToken);
                var english = command.Language == InquiryLanguage.En;
                var commitmentCodes = active.Where(i => i.Kind == DeclarationItemKind.Commitment).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
                var commitments = command.Commitments ?? [];
                if (commitments.Count == 0)
                    context.AddFailure(nameof(Command.Commitments), Texts.SengenCommitmentsRequired);
                else if (commitments.Count > commitmentCodes.Count)
                    context.AddFailure(nameof(Command.Commitments), Texts.SengenCommitmentUnknown);
                else
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < commitments.Count; i++)
                    {
                        var commitment = commitments[i];
                        var path = $"{nameof(Command.Commitments)}[{i}]";
                        if (commitment.ItemCode is not { } code || !commitmentCodes.Contains(code))
                            context.AddFailure(path + "." + nameof(CommitmentInput.ItemCode), Texts.SengenCommitmentUnknown);
                        else if (!seen.Add(code))
                            context.AddFailure(path + "." + nameof(CommitmentInput.ItemCode), Texts.SengenCommitmentDuplicate);
                        var label = string.Format(Texts.SengenFieldCommitmentText, commitment.ItemCode ?? "");
                        if (string.IsNullOrWhiteSpace(commitment.Text))
                            context.AddFailure(path + "." + nameof(CommitmentInput.Text), string.Format(Texts.Required, label));
                        else if (JapaneseText.TextLength(commitment.Text) > DeclarationCommitment.MaxTextLength)
                            context.AddFailure(path + "." + nameof(CommitmentInput.Text), string.Format(Texts.TooLong, label, DeclarationCommitment.MaxTextLength));
                        else if (!JapaneseText.IsCleanMultiline(commitment.Text))
                            context.AddFailure(path + "." + nameof(CommitmentInput.Text), string.Format(Texts.ControlCharacters, label));
                    }
                }

                var ticked = (command.Agreements ?? []).ToHashSet(StringComparer.Ordinal);
                var agreements = active.Where(i => i.Kind == DeclarationItemKind.Agreement).ToList();
                if (ticked.Count > agreements.Count + 8 || ticked.Any(code => code.Length > DeclarationItem.MaxCodeLength))
                    context.AddFailure(nameof(Command.Agreements), Texts.SengenAgreementUnknown);
                foreach (var agreement in agreements.Where(a => !ticked.Contains(a.Code)))
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(Command.Agreements),
                        string.Format(Texts.SengenAgreementRequired, agreement.Label(english))) { ErrorCode = agreement.Code });
            });
        }

        private static bool IsCurrentMunicipality(LocalGovernmentDirectory directory, string code, TimeProvider clock) =>
            LocalGovernmentCode.IsValid(code) && directory.Find(code) is { Kind: not "prefecture" } entry
            && entry.IsCurrentOn(Domain.Calendar.JapanTime.Today(clock));

        private static bool BeKatakanaWhenGiven(string? value) =>
            string.IsNullOrWhiteSpace(value) || JapaneseText.IsFullWidthKatakana(JapaneseText.ToFullWidthKatakana(value));

        private static bool BeWebAddressWhenGiven(string? value) =>
            string.IsNullOrWhiteSpace(value)
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal));
    }

    public sealed class Handler(
        ConsultDeskDbContext db,
        WriteGate writeGate,
        DeclarationMail mail,
        TimeProvider clock,
        IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var content = command.ToContent();
            await EnforcePerAddressLimitAsync(content.ContactEmail, now, cancellationToken);

            Declaration declaration;
            using (await writeGate.EnterAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                (declaration, var version, var submitted) = Declaration.Submit(content, now, Wire.Name(command.Source));
                db.Declarations.Add(declaration);
                db.DeclarationVersions.Add(version);
                db.DeclarationEvents.Add(submitted);
                db.Outbox.Add(mail.Create(declaration, ConfirmationMailKind, now));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Declaration {DeclarationId} submitted via {Source}", declaration.Id, command.Source);
            return new Response(declaration.Id, declaration.Status, declaration.ConfirmationExpiresAt);
        }

        /// <summary>The intake's per-mailbox daily limit, counted over declarations (a+1@ and a+2@ are one mailbox).</summary>
        private async Task EnforcePerAddressLimitAsync(string email, DateTime now, CancellationToken cancellationToken)
        {
            var limit = options.Value.RateLimiting.Intake.PerEmailPerDay;
            var key = EmailAddress.LimitKey(email);
            var since = now.AddDays(-1);
            var recent = await db.Declarations.AsNoTracking()
                .Where(d => d.EmailKey == key && d.CreatedAt > since)
                .OrderBy(d => d.CreatedAt)
                .Select(d => d.CreatedAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
            if (recent.Count >= limit) throw new TooManyRequestsException(recent[0].AddDays(1) - now);
        }
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapPost("/declarations", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var command = await JsonRequest.ReadAsync<Command>(http, JsonRequest.DefaultMaxBytes, cancellationToken);
                var response = await sender.Send(command.Normalized() with { Source = IntakeSource.Api }, cancellationToken);
                return TypedResults.Created($"/api/v1/declarations/{response.Id}", response);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicIntake)
            .Accepts<Command>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(SubmitDeclaration))
            .WithSummary("Submit an Action宣言")
            .WithDescription("Public intake of a declaration. Stores it unconfirmed and queues the confirmation mail in one transaction; " +
                "the contact confirms from the mail's link within 7 days, or it is deleted. `agreements` must list every active agreement code and " +
                "`commitments` at least one active commitment item (see /sengen/new for the current wording).")
            .WithTags("Declarations");
}

/// <summary>The active commitment items and agreements of the form (rows admins edit), in form order.</summary>
public interface IDeclarationItems
{
    Task<IReadOnlyList<DeclarationItem>> ActiveAsync(CancellationToken cancellationToken);
}

public sealed class DeclarationItemsFromDatabase(ConsultDeskDbContext db) : IDeclarationItems
{
    private IReadOnlyList<DeclarationItem>? active;

    public async Task<IReadOnlyList<DeclarationItem>> ActiveAsync(CancellationToken cancellationToken) =>
        active ??= await db.DeclarationItems.AsNoTracking().Where(i => i.Active)
            .OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(cancellationToken);
}
