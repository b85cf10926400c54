/** The inputs of the user, role and protection commands, shared by their declarations and their code. */

import { LEVELS, SPECIAL_RIGHTS } from './model.js';
import { bool, object, oneOf, optional, str } from '../app/input.js';

const level = oneOf(LEVELS);
const special = oneOf(SPECIAL_RIGHTS);

export const inputs = {
  accessProfiles: object({}),
  me: object({}),
  accessGet: object({}),
  userAdd: object({ id: str, name: optional(str), role: optional(str), password: optional(str) }),
  userUpdate: object({ id: str, name: optional(str), role: optional(str), active: optional(bool), password: optional(str), clearPassword: optional(bool) }),
  userRemove: object({ id: str }),
  userList: object({}),
  roleAdd: object({ name: str, from: optional(str) }),
  roleRemove: object({ name: str }),
  roleGrant: object({ role: str, directory: str, level, delete: optional(bool) }),
  roleAllow: object({ role: str, right: special, allowed: optional(bool) }),
  roleNewcomers: object({ role: optional(str) }),
  roleShow: object({ name: optional(str) }),
  protectPlan: object({}),
  protectApply: object({}),
};
