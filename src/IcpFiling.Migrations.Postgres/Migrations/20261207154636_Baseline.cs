using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IcpFiling.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(200)", unicode: false, maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    PreviousSecretHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    PreviousSecretValidUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RotatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ResellerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Suspended = table.Column<bool>(type: "boolean", nullable: false),
                    SourceVersion = table.Column<long>(type: "bigint", nullable: true),
                    LastSignInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Language = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_AspNetUsers_ResellerId",
                        column: x => x.ResellerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    Action = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Refusals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Command = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Reasons = table.Column<string>(type: "character varying(256)", unicode: false, maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Refusals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BatchRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    BatchKey = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    BodyHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchRequests_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Instances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Billing = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubscriptionStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PurchasedMonths = table.Column<int>(type: "integer", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublicIps = table.Column<List<string>>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsTrial = table.Column<bool>(type: "boolean", nullable: false),
                    OrderAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    OnHold = table.Column<bool>(type: "boolean", nullable: false),
                    HoldReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    QuotaOverride = table.Column<int>(type: "integer", nullable: true),
                    SourceVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Instances_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalAccessTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(200)", unicode: false, maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalAccessTokens_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InstanceAddresses",
                columns: table => new
                {
                    InstanceRef = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(45)", unicode: false, maxLength: 45, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceAddresses", x => new { x.InstanceRef, x.Address });
                    table.ForeignKey(
                        name: "FK_InstanceAddresses_Instances_InstanceRef",
                        column: x => x.InstanceRef,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceNumbers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character(36)", unicode: false, fixedLength: true, maxLength: 36, nullable: false, collation: "C"),
                    InstanceRef = table.Column<int>(type: "integer", nullable: false),
                    InstanceType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ResellerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    QuotaKey = table.Column<string>(type: "character varying(128)", unicode: false, maxLength: 128, nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    RestrictedToAccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RestrictedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RestrictionNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VoidReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    VoidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InvalidCause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceNumbers", x => x.Id);
                    table.CheckConstraint("CK_ServiceNumbers_Slot", "\"Slot\" >= 1");
                    table.ForeignKey(
                        name: "FK_ServiceNumbers_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceNumbers_AspNetUsers_RestrictedToAccountId",
                        column: x => x.RestrictedToAccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceNumbers_Instances_InstanceRef",
                        column: x => x.InstanceRef,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Filings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    DomainAscii = table.Column<string>(type: "character varying(253)", unicode: false, maxLength: 253, nullable: false, collation: "C"),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ServiceNumberRef = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Filings_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Filings_ServiceNumbers_ServiceNumberRef",
                        column: x => x.ServiceNumberRef,
                        principalTable: "ServiceNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_KeyId",
                table: "ApiClients",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayName_Id",
                table: "AspNetUsers",
                columns: new[] { "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LastSignInAt_Id",
                table: "AspNetUsers",
                columns: new[] { "LastSignInAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedEmail_Id",
                table: "AspNetUsers",
                columns: new[] { "NormalizedEmail", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ResellerId",
                table: "AspNetUsers",
                column: "ResellerId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ResellerId_DisplayName_Id",
                table: "AspNetUsers",
                columns: new[] { "ResellerId", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ResellerId_Email_Id",
                table: "AspNetUsers",
                columns: new[] { "ResellerId", "Email", "Id" });

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorId_At",
                table: "AuditEntries",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectType_SubjectId_At",
                table: "AuditEntries",
                columns: new[] { "SubjectType", "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchRequests_AccountId_BatchKey",
                table: "BatchRequests",
                columns: new[] { "AccountId", "BatchKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Filings_AccountId_Domain_Id",
                table: "Filings",
                columns: new[] { "AccountId", "Domain", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_AccountId_SubmittedAt_Id",
                table: "Filings",
                columns: new[] { "AccountId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_DomainAscii_ServiceNumberRef",
                table: "Filings",
                columns: new[] { "DomainAscii", "ServiceNumberRef" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_DomainAscii_Submitted",
                table: "Filings",
                column: "DomainAscii",
                unique: true,
                filter: "\"Status\" = 'Submitted'");

            migrationBuilder.CreateIndex(
                name: "IX_Filings_ServiceNumberRef",
                table: "Filings",
                column: "ServiceNumberRef",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InstanceAddresses_Address_InstanceRef",
                table: "InstanceAddresses",
                columns: new[] { "Address", "InstanceRef" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_ExpiresAt_Status",
                table: "Instances",
                columns: new[] { "ExpiresAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_InstanceId",
                table: "Instances",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_Name_Id",
                table: "Instances",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_ExpiresAt_Id",
                table: "Instances",
                columns: new[] { "OwnerId", "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_InstanceId_Id",
                table: "Instances",
                columns: new[] { "OwnerId", "InstanceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_Name_Id",
                table: "Instances",
                columns: new[] { "OwnerId", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_Type_Name",
                table: "Instances",
                columns: new[] { "OwnerId", "Type", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_AccountId_CreatedAt",
                table: "PersonalAccessTokens",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_KeyId",
                table: "PersonalAccessTokens",
                column: "KeyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refusals_Command_At",
                table: "Refusals",
                columns: new[] { "Command", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_IdempotencyKey",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_InstanceType_IssuedAt",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "InstanceType", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_IssuedAt_Id",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_Number_Id",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "Number", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_Status_IssuedAt",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "Status", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_InstanceRef_IssuedAt",
                table: "ServiceNumbers",
                columns: new[] { "InstanceRef", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_Number",
                table: "ServiceNumbers",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_QuotaKey_Slot",
                table: "ServiceNumbers",
                columns: new[] { "QuotaKey", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_ResellerId_IssuedAt_Id",
                table: "ServiceNumbers",
                columns: new[] { "ResellerId", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_ResellerId_Number_Id",
                table: "ServiceNumbers",
                columns: new[] { "ResellerId", "Number", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_Number",
                table: "ServiceNumbers",
                columns: new[] { "RestrictedToAccountId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_RestrictedAt_Id",
                table: "ServiceNumbers",
                columns: new[] { "RestrictedToAccountId", "RestrictedAt", "Id" });

            // Hand-written, the one object the model cannot declare: the database's own guard of "Used is final"
            // (ServiceNumberTriggers). The old chain made it in GuardUsedIsFinal; BaselineAdoption adds it to an old database without it.
            migrationBuilder.Sql(ServiceNumberTriggers.CreateUsedIsFinal);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ServiceNumberTriggers.DropUsedIsFinal);

            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BatchRequests");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Filings");

            migrationBuilder.DropTable(
                name: "InstanceAddresses");

            migrationBuilder.DropTable(
                name: "PersonalAccessTokens");

            migrationBuilder.DropTable(
                name: "Refusals");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "ServiceNumbers");

            migrationBuilder.DropTable(
                name: "Instances");

            migrationBuilder.DropTable(
                name: "AspNetUsers");
        }
    }
}
