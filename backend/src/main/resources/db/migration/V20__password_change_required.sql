-- A password someone else chose (a one-time administrator password from the platform) must be replaced by
-- its owner at the first sign-in; the pages send such a user to the password form until they have.
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
