import { MEMBERSHIP_ROLES } from "../schemas";
import { ORGANIZATION_PERMISSIONS, ROLE_RANK } from "../permissions";
import { ROLE_LABEL } from "./organization-labels";

/** ORGANIZATION_PERMISSIONS as a table: a role may do all that the roles below it may. */
export function RoleTable() {
  const roles = [...MEMBERSHIP_ROLES].sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b]);
  return (
    <section aria-labelledby="role-table-heading" className="space-y-3">
      <h2 id="role-table-heading" className="text-xl font-semibold">
        What each role can do
      </h2>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">What each organization role may do</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-2 pr-4 font-semibold">
                May…
              </th>
              {roles.map((role) => (
                <th key={role} scope="col" className="px-3 py-2 text-center font-semibold">
                  {ROLE_LABEL[role]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ORGANIZATION_PERMISSIONS.map((permission) => (
              <tr key={permission.action} className="border-b border-slate-200">
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  {permission.action}
                </th>
                {roles.map((role) => {
                  const allowed = ROLE_RANK[role] >= ROLE_RANK[permission.minimumRole];
                  return (
                    <td key={role} className="px-3 py-2 text-center">
                      <span aria-hidden="true">{allowed ? "✓" : "—"}</span>
                      <span className="sr-only">{allowed ? "Yes" : "No"}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
